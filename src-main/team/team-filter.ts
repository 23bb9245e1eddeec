import type { HistoryCursor } from '../shared/contract/history'
import type { StoredFilter } from '../history/filter'
import { SENDING } from '../history/codes'
import { HISTORY } from './migrations'

/**
 * The entries still sending (a few at any time: the count tables leave them out), read through their
 * partial index before any other term of a filter applies to them.
 */
export const IN_FLIGHT = `(SELECT * FROM ${HISTORY} WHERE outcome = ${SENDING} OFFSET 0) AS in_flight`

/** Positional parameters ($1, $2, ...) collected while a statement is assembled; values never enter the SQL. */
export class SqlParams {
  readonly values: unknown[] = []

  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

/**
 * How a phone filter is written: a search inside the digits (`like`), one of the numbers found to
 * contain them (a list: the phone index serves it), or left to the caller (`omit`).
 */
export type PhoneTerm = 'like' | 'omit' | readonly string[]

/**
 * The local history's stored filter (history/filter.ts, the one reading of a filter) as conditions on
 * the team's history table, plus the keyset cursor. Every term has an index or narrows one that does.
 * The count tables name their columns as the history does, so a filter on their columns reads them too.
 */
export function teamFilterSql(
  filter: StoredFilter,
  params: SqlParams,
  cursor?: HistoryCursor,
  phone: PhoneTerm = 'like',
): string {
  if (filter.matchesNothing) return 'false'
  const terms: string[] = []
  if (filter.profileId !== undefined) terms.push(`profile_id = ${params.add(filter.profileId)}`)
  if (filter.operator !== undefined) terms.push(`operator = ${params.add(filter.operator)}`)
  if (filter.channel !== undefined) terms.push(`channel = ${params.add(filter.channel)}`)
  if (filter.outcome !== undefined) terms.push(`outcome = ${params.add(filter.outcome)}`)
  if (filter.statusCode !== undefined) terms.push(`status_code = ${params.add(filter.statusCode)}`)
  if (filter.apiCode !== undefined) terms.push(`api_code = ${params.add(filter.apiCode)}`)
  if (filter.phoneDigits !== undefined && phone !== 'omit') {
    terms.push(
      phone === 'like'
        ? // Digits only (no LIKE wildcard can reach the pattern); LIKE is what the trigram index serves.
          `phone_digits LIKE '%' || ${params.add(filter.phoneDigits)} || '%'`
        : `phone_digits = ANY(${params.add(phone)}::text[])`,
    )
  }
  if (filter.requestId !== undefined) terms.push(`request_id = ${params.add(filter.requestId)}`)
  if (filter.from !== undefined) terms.push(`created_at >= ${params.add(filter.from)}`)
  if (filter.to !== undefined) terms.push(`created_at < ${params.add(filter.to)}`)
  if (cursor) terms.push(`(created_at, id) < (${params.add(cursor.createdAt)}, ${params.add(cursor.id)})`)
  return terms.length > 0 ? terms.join(' AND ') : 'true'
}
