import { normalizeName } from '../shared/contract/text'

const MAX_NAME_LENGTH = 80

/**
 * Names are unique regardless of case, white space and look-alike forms: compatibility forms (NFKC:
 * a no-break space, full-width letters) and case are folded, so "Local\u00a0SANDBOX" is "Local sandbox".
 */
export function nameKey(name: string): string {
  return normalizeName(name.normalize('NFKC')).toUpperCase().toLowerCase()
}

/** The name itself when free, else the first free "name (label)", "name (label 2)", ... */
export function freeName(name: string, taken: ReadonlySet<string>, label: string): string {
  return taken.has(nameKey(name)) ? suffixedName(name, taken, label) : name
}

/** The first free "name (label)", "name (label 2)", ..., shortened to fit the name limit. */
export function suffixedName(name: string, taken: ReadonlySet<string>, label: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ` (${label})` : ` (${label} ${n})`
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`
    if (!taken.has(nameKey(candidate))) return candidate
  }
}
