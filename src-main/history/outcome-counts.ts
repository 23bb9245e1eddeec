import { outcomeOf } from './codes'
import { filterConditions } from './filter-sql'
import { DIMENSION_INDEX, dimensionIds, filterParams, type StoredFilter } from './filter'
import { chooseDriver, PLAN_LIMITS, type PlanLimits } from './page-keys'
import type { Params, Statements } from './statements'
import { finiteBound, timeSlices, type NumberRange } from './time-slices'
import type { HistoryCounts } from './types'

type OutcomeCount = { outcome: number; n: number }

/**
 * Outcome counts of a filter. The common shapes come from the counts tables the triggers keep:
 * - profile or operator, and class (channel, outcome, statusCode, apiCode): `history_counts`;
 * - phone digits, alone or with an outcome: `history_phone_counts` of the matching phones;
 * - a time range, alone or with an outcome: whole days and hours from `history_day_counts` and
 *   `history_hour_counts`, the partial hours at the two edges from the log.
 * Other combinations are counted from the log through the most selective index: exact, and
 * proportional to the entries that index leaves. requestId filters are counted by the store, which
 * checks each candidate's id.
 */
export function countOutcomes(
  statements: Statements,
  filter: StoredFilter,
  limits: PlanLimits = PLAN_LIMITS,
): HistoryCounts {
  if (filter.matchesNothing) return { counts: {}, total: 0 }
  const has = {
    // A profile and an operator both select contexts.
    profile: filter.profileId !== undefined || filter.operator !== undefined,
    classOtherThanOutcome:
      filter.channel !== undefined || filter.statusCode !== undefined || filter.apiCode !== undefined,
    outcome: filter.outcome !== undefined,
    phone: filter.phoneDigits !== undefined,
    time: filter.from !== undefined || filter.to !== undefined,
    requestId: filter.requestId !== undefined,
  }
  const params = filterParams(filter)
  const outcomeTerm = has.outcome ? 'AND outcome = :outcome' : ''

  let rows: OutcomeCount[]
  if (!has.phone && !has.time && !has.requestId) {
    const contextTerm = has.profile ? `AND c.context_id IN (${dimensionIds('context', filter)})` : ''
    const classTerm =
      has.classOtherThanOutcome || has.outcome ? `AND c.class_id IN (${dimensionIds('class', filter)})` : ''
    rows = statements.all<OutcomeCount>(
      `SELECT k.outcome AS outcome, sum(c.n) AS n FROM history_counts c JOIN classes k ON k.id = c.class_id
       WHERE 1 ${contextTerm} ${classTerm} GROUP BY k.outcome`,
      params,
    )
  } else if (has.phone && !has.profile && !has.classOtherThanOutcome && !has.time && !has.requestId) {
    rows = statements.all<OutcomeCount>(
      `SELECT outcome, sum(n) AS n FROM history_phone_counts
       WHERE phone_id IN (${dimensionIds('phone', filter)}) ${outcomeTerm} GROUP BY outcome`,
      params,
    )
  } else if (has.time && !has.profile && !has.classOtherThanOutcome && !has.phone && !has.requestId) {
    rows = timeRows(statements, filter, outcomeTerm, limits)
  } else {
    rows = logRows(statements, filter, limits)
  }
  return tally(rows)
}

/** [from, to) as whole days and hours from the counts tables, and the minutes at either end from the log. */
function timeRows(
  statements: Statements,
  filter: StoredFilter,
  outcomeTerm: string,
  limits: PlanLimits,
): OutcomeCount[] {
  const slices = timeSlices(filter.from, filter.to)
  if (slices === null) return logRows(statements, filter, limits)
  const params = filterParams(filter)
  const sum = (table: string, column: string, [start, end]: NumberRange): OutcomeCount[] =>
    end > start
      ? statements.all<OutcomeCount>(
          `SELECT outcome, sum(n) AS n FROM ${table} WHERE ${column} >= :start AND ${column} < :end ${outcomeTerm}
           GROUP BY outcome`,
          { ...params, start: finiteBound(start), end: finiteBound(end) },
        )
      : []

  const rows = sum('history_day_counts', 'day', slices.days)
  for (const hours of slices.hours) rows.push(...sum('history_hour_counts', 'hour', hours))
  for (const edge of slices.edges) rows.push(...logRows(statements, { ...filter, ...edge }, limits))
  return rows
}

function logRows(statements: Statements, filter: StoredFilter, limits: PlanLimits): OutcomeCount[] {
  const driver = chooseDriver(statements, filter, limits)
  if (driver === null) return []
  let index: string
  switch (driver.kind) {
    case 'request':
      index = 'history_request'
      break
    case 'time':
      index = 'history_created'
      break
    case 'set':
      index =
        driver.ids !== null || driver.entries <= limits.fewEntries
          ? DIMENSION_INDEX[driver.dimension]
          : 'history_created'
  }
  const where = filterConditions(filter)
  const params: Params = where.params
  // CROSS JOIN keeps the log as the outer loop, read through the chosen index.
  return statements.all<OutcomeCount>(
    `SELECT k.outcome AS outcome, count(*) AS n FROM history h INDEXED BY ${index} CROSS JOIN classes k
     WHERE k.id = h.class_id AND ${where.sql} GROUP BY k.outcome`,
    params,
  )
}

export function tally(rows: OutcomeCount[]): HistoryCounts {
  const counts: HistoryCounts['counts'] = {}
  let total = 0
  for (const row of rows) {
    if (row.n <= 0) continue
    const outcome = outcomeOf(row.outcome)
    counts[outcome] = (counts[outcome] ?? 0) + row.n
    total += row.n
  }
  return { counts, total }
}
