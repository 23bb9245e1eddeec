import type { HistoryCursor } from '../shared/contract/history'
import type { StoredFilter } from '../history/filter'

/** Positional parameters ($1, $2, ...) collected while a statement is assembled; values never enter the SQL. */
export class SqlParams {
  readonly values: unknown[] = []

  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

/**
 * The local history's stored filter (history/filter.ts, the one reading of a filter) as conditions on
 * the team's history table, plus the keyset cursor. Every term has an index or narrows one that does.
 */
export function teamFilterSql(filter: StoredFilter, params: SqlParams, cursor?: HistoryCursor): string {
  if (filter.matchesNothing) return 'false'
  const terms: string[] = []
  if (filter.profileId !== undefined) terms.push(`profile_id = ${params.add(filter.profileId)}`)
  if (filter.operator !== undefined) terms.push(`operator = ${params.add(filter.operator)}`)
  if (filter.channel !== undefined) terms.push(`channel = ${params.add(filter.channel)}`)
  if (filter.outcome !== undefined) terms.push(`outcome = ${params.add(filter.outcome)}`)
  if (filter.statusCode !== undefined) terms.push(`status_code = ${params.add(filter.statusCode)}`)
  if (filter.apiCode !== undefined) terms.push(`api_code = ${params.add(filter.apiCode)}`)
  // Digits only (no LIKE wildcard can reach the pattern); LIKE is what the trigram index serves.
  if (filter.phoneDigits !== undefined) terms.push(`phone_digits LIKE '%' || ${params.add(filter.phoneDigits)} || '%'`)
  if (filter.requestId !== undefined) terms.push(`request_id = ${params.add(filter.requestId)}`)
  if (filter.from !== undefined) terms.push(`created_at >= ${params.add(filter.from)}`)
  if (filter.to !== undefined) terms.push(`created_at < ${params.add(filter.to)}`)
  if (cursor) terms.push(`(created_at, id) < (${params.add(cursor.createdAt)}, ${params.add(cursor.id)})`)
  return terms.length > 0 ? terms.join(' AND ') : 'true'
}
