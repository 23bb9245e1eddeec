import type { HistoryCursor } from '../shared/contract/history'
import type { StoredFilter } from '../history/filter'
import { HISTORY } from './migrations'
import { teamFilterSql, type SqlParams } from './team-filter'
import type { PhoneMatch } from './team-phones'

/** The columns of a full entry, named as the local history's rows so its reader (`toEntry`) serves both. */
export const ENTRY_SELECT = `
  SELECT id, created_at, completed_at, profile_id, profile_name, environment, app_id, operator, channel,
         country_code, phone_number AS number, outcome, http_status, status_code, api_code, latency_ms,
         cooldown_override::int AS cooldown_override, validation_override::int AS validation_override, note, detail
  FROM ${HISTORY}`

const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC'

/** Numbers named one by one in a page's statement; more are passed as one list. */
const NAMED_NUMBERS = 32

/** What finding where one number's entries start in the phone index costs, in entries read. */
const DESCENT_COST = 8

/**
 * The next `take` entries of a filter, newest first, each read through an index in that order, so a page
 * stops after `take` entries however many match. Every filter's index starts with its column and then
 * `created_at` (PostgreSQL picks it for the other filters). A phone search is planned here, from the
 * numbers the phone counts found: one range of the phone index per number, merged, when their entries
 * are few; otherwise the whole history newest first, keeping the matches, which is quicker when
 * they are many (about take x history / matches entries read).
 */
export function pageSql(
  filter: StoredFilter,
  params: SqlParams,
  take: number,
  cursor: HistoryCursor | undefined,
  phones: PhoneMatch | null,
): string {
  if (phones?.entries && perNumberCost(phones.entries, take) <= newestFirstCost(phones, take)) {
    return numbersPageSql(filter, params, take, cursor, [...phones.entries.keys()])
  }
  return `${ENTRY_SELECT} WHERE ${teamFilterSql(filter, params, cursor)} ${NEWEST_FIRST} LIMIT ${params.add(take)}`
}

/** A phone search's page from the given numbers' ranges of the phone index alone. */
export function numbersPageSql(
  filter: StoredFilter,
  params: SqlParams,
  take: number,
  cursor: HistoryCursor | undefined,
  numbers: string[],
): string {
  const limit = params.add(take)
  const where = teamFilterSql(filter, params, cursor, 'omit')
  if (numbers.length === 0) return `${ENTRY_SELECT} WHERE false LIMIT ${limit}`
  if (numbers.length === 1) {
    return `${ENTRY_SELECT} WHERE phone_digits = ${params.add(numbers[0])} AND ${where} ${NEWEST_FIRST} LIMIT ${limit}`
  }
  if (numbers.length <= NAMED_NUMBERS) {
    // Each number a value of its own: the planner's statistics then know a number sent to thousands of
    // times, and read its range in order instead of collecting and sorting it.
    const ranges = numbers.map(
      (digits) =>
        `(${ENTRY_SELECT} WHERE phone_digits = ${params.add(digits)} AND ${where} ${NEWEST_FIRST} LIMIT ${limit})`,
    )
    return `${ranges.join('\n    UNION ALL ')}\n    ${NEWEST_FIRST} LIMIT ${limit}`
  }
  return `SELECT page.* FROM unnest(${params.add(numbers)}::text[]) AS phone (digits)
    CROSS JOIN LATERAL (${ENTRY_SELECT} WHERE phone_digits = phone.digits AND ${where} ${NEWEST_FIRST} LIMIT ${limit})
      AS page
    ORDER BY page.created_at DESC, page.id DESC LIMIT ${limit}`
}

function perNumberCost(entries: Map<string, number>, take: number): number {
  let cost = 0
  for (const n of entries.values()) cost += DESCENT_COST + Math.min(n, take)
  return cost
}

function newestFirstCost(phones: PhoneMatch, take: number): number {
  let matches = 0
  for (const n of phones.entries?.values() ?? []) matches += n
  // The statistics may lag behind the history; it holds at least the matches.
  const size = Math.max(phones.historySize, matches)
  return matches === 0 ? 0 : Math.min(size, (take * size) / matches)
}
