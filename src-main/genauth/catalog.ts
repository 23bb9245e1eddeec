import { Catalog, type CatalogEntry, type FailureAdvice } from '../shared/contract/catalog'
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
  for (const failure of catalog.failures) {
    const key = `${failure.kind}:${failure.httpStatus ?? 'any'}`
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
  /** For an HTTP failure or a timeout: what it usually means and what to check. */
  failure: FailureAdvice | null
}

type Outcome = { kind?: string | null; httpStatus?: number | null }

/**
 * Looks up what a statusCode and an apiCode mean. Returns null when neither is known: the UI then
 * shows the raw codes with a pointer to catalog.errorCodePage.
 */
export function explain(
  catalog: Catalog,
  codes: { statusCode?: number | null; apiCode?: number | null } & Outcome,
): Explanation | null {
  const statusCode = find(catalog, 'statusCode', codes.statusCode)
  const apiCode = find(catalog, 'apiCode', codes.apiCode)
  const failure = adviceFor(catalog, codes)
  return statusCode || apiCode || failure ? { statusCode, apiCode, failure } : null
}

/** The advice for this HTTP status if there is one, else the kind's general advice. */
export function adviceFor(catalog: Catalog, outcome: Outcome): FailureAdvice | null {
  const ofKind = catalog.failures.filter((failure) => failure.kind === outcome.kind)
  return (
    ofKind.find((failure) => failure.httpStatus !== null && failure.httpStatus === outcome.httpStatus) ??
    ofKind.find((failure) => failure.httpStatus === null) ??
    null
  )
}

function find(catalog: Catalog, kind: CatalogEntry['kind'], code: number | null | undefined): CatalogEntry | null {
  if (code === null || code === undefined) return null
  return catalog.entries.find((entry) => entry.kind === kind && entry.code === code) ?? null
}
