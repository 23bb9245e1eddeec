import type pg from 'pg'
import { SENDING } from '../history/codes'
import type { StoredFilter } from '../history/filter'
import { tally } from '../history/outcome-counts'
import { timeSlices, type NumberRange } from '../history/time-slices'
import type { HistoryCounts } from '../history/types'
import { HISTORY, TEAM_SCHEMA } from './migrations'
import { IN_FLIGHT, SqlParams, teamFilterSql } from './team-filter'
import type { PhoneMatch } from './team-phones'

type FilterKey = Exclude<keyof StoredFilter, 'matchesNothing'>

/** The filters `history_counts` holds every combination of; `history_operator_counts` adds the operator. */
const CLASS_KEYS: FilterKey[] = ['profileId', 'channel', 'outcome', 'statusCode', 'apiCode']

/**
 * A filter's outcome counts, in one statement (one snapshot). The count tables hold the finished
 * entries, so each answer from them adds the few entries in flight that match, counted from the log:
 * - profile and class (channel, outcome, statusCode, apiCode), any combination: `history_counts`, and
 *   with an operator `history_operator_counts`;
 * - phone digits, alone or with an outcome: the matching numbers' phone counts (already read to plan
 *   the page, unless the search matches too many numbers to list);
 * - a time range, alone or with a channel and an outcome: whole days and hours from the day and hour
 *   counts, the minutes at either end from the log.
 * Any other combination, a requestId, or the entries in flight are counted from the log through the
 * most selective index: exact, and proportional to the entries that index leaves.
 */
export async function countTeamOutcomes(
  db: pg.Pool,
  filter: StoredFilter,
  phones: PhoneMatch | null,
): Promise<HistoryCounts> {
  if (filter.matchesNothing) return { counts: {}, total: 0 }
  const set = (Object.keys(filter) as (FilterKey | 'matchesNothing')[]).filter(
    (key): key is FilterKey => key !== 'matchesNothing' && filter[key] !== undefined,
  )
  const within = (keys: FilterKey[]): boolean => set.every((key) => keys.includes(key))
  if (phones?.outcomes && within(['phoneDigits', 'outcome'])) {
    return tally(phones.outcomes.filter((row) => filter.outcome === undefined || row.outcome === filter.outcome))
  }
  const params = new SqlParams()
  const parts = countParts(filter, params, phones, within)
  const found = await db.query<{ outcome: number; n: number }>(
    `SELECT outcome, sum(n)::bigint AS n FROM (${parts.join('\n  UNION ALL ')}) AS part GROUP BY outcome`,
    params.values,
  )
  return tally(found.rows)
}

/** SELECTs of (outcome, n) whose sum per outcome is the filter's counts. */
function countParts(
  filter: StoredFilter,
  params: SqlParams,
  phones: PhoneMatch | null,
  within: (keys: FilterKey[]) => boolean,
): string[] {
  const table = (name: string, where: string): string => `SELECT outcome, n FROM ${TEAM_SCHEMA}.${name} WHERE ${where}`
  const finished = filter.outcome !== SENDING && filter.requestId === undefined
  if (finished && within([...CLASS_KEYS, 'operator'])) {
    const counts = filter.operator === undefined ? 'history_counts' : 'history_operator_counts'
    return [table(counts, teamFilterSql(filter, params)), ...inFlight(filter, params)]
  }
  if (finished && within(['phoneDigits', 'outcome'])) {
    return [table('history_phone_counts', teamFilterSql(filter, params)), ...inFlight(filter, params)]
  }
  const slices = timeSlices(filter.from, filter.to)
  if (finished && slices && within(['from', 'to', 'channel', 'outcome'])) {
    const { from: _from, to: _to, ...untimed } = filter
    // One part per table, its ranges joined with OR: a statement of few parts is planned quickly.
    const rangeTerm = (column: string, ranges: NumberRange[]): string | null => {
      const terms = ranges
        .filter(([start, end]) => end > start)
        .map(([start, end]) => {
          // An open side of the range bounds nothing (day and hour numbers are integer columns).
          const bounds: string[] = []
          if (Number.isFinite(start)) bounds.push(`${column} >= ${params.add(start)}`)
          if (Number.isFinite(end)) bounds.push(`${column} < ${params.add(end)}`)
          return bounds.length > 0 ? `(${bounds.join(' AND ')})` : 'true'
        })
      return terms.length > 0 ? `(${terms.join(' OR ')})` : null
    }
    const parts: string[] = []
    for (const [name, column, ranges] of [
      ['history_day_counts', 'day', [slices.days]],
      ['history_hour_counts', 'hour', slices.hours],
    ] as const) {
      const range = rangeTerm(column, [...ranges])
      if (range) parts.push(table(name, `${range} AND ${teamFilterSql(untimed, params)}`))
    }
    parts.push(...inFlight({ ...untimed, ...slices.whole }, params))
    if (slices.edges.length > 0) {
      const edges = slices.edges.map((edge) => `(${teamFilterSql({ ...filter, ...edge }, params)})`)
      parts.push(`SELECT outcome, count(*) AS n FROM ${HISTORY} WHERE ${edges.join(' OR ')} GROUP BY outcome`)
    }
    return parts
  }
  return [fromLog(filter, params, phones)]
}

/** The matching entries still sending, which the count tables leave out. */
function inFlight(filter: StoredFilter, params: SqlParams): string[] {
  if (filter.outcome !== undefined) return []
  return [`SELECT outcome, count(*) AS n FROM ${IN_FLIGHT} WHERE ${teamFilterSql(filter, params)} GROUP BY outcome`]
}

/** Counted from the log; a phone search through the numbers found to match it, when they are listed. */
function fromLog(filter: StoredFilter, params: SqlParams, phones: PhoneMatch | null): string {
  const where = teamFilterSql(filter, params, undefined, phones?.entries ? [...phones.entries.keys()] : 'like')
  return `SELECT outcome, count(*) AS n FROM ${HISTORY} WHERE ${where} GROUP BY outcome`
}
