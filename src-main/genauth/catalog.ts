import { Catalog } from '../shared/contract/catalog'
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
