const MAX_NAME_LENGTH = 80

/** Names are unique regardless of case and surrounding spaces. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase()
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
