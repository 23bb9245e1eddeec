import { Catalog, type CatalogEntry } from '../contract/catalog'
import catalogData from './catalog.json'

/** The known statusCode categories and apiCodes, checked against the contract's schema. */
export function loadCatalog(): Catalog {
  const catalog = Catalog.parse(catalogData)
  const seen = new Set<string>()
  for (const entry of catalog.entries) {
    const key = `${entry.kind}:${entry.code}`
    if (seen.has(key)) throw new Error(`catalog.json lists ${key} twice`)
    seen.add(key)
  }
  return catalog
}

export interface Explanation {
  /** The statusCode's category, or null when none was given or it is not known. */
  statusCode: CatalogEntry | null
  /** The apiCode's entry, or null when none was given or it is not known. */
  apiCode: CatalogEntry | null
}

/**
 * Looks up what a statusCode and an apiCode mean. Returns null when neither is known: the UI then
 * shows the raw codes with a pointer to catalog.errorCodePage.
 */
export function explain(
  catalog: Catalog,
  codes: { statusCode?: number | null; apiCode?: number | null },
): Explanation | null {
  const statusCode = find(catalog, 'statusCode', codes.statusCode)
  const apiCode = find(catalog, 'apiCode', codes.apiCode)
  return statusCode || apiCode ? { statusCode, apiCode } : null
}

function find(catalog: Catalog, kind: CatalogEntry['kind'], code: number | null | undefined): CatalogEntry | null {
  if (code === null || code === undefined) return null
  return catalog.entries.find((entry) => entry.kind === kind && entry.code === code) ?? null
}
