import type { HistoryCursor } from '../shared/contract/history'
import { filterConditions, type ConditionOptions } from './filter-sql'
import {
  DIMENSION_INDEX,
  dimensionIds,
  filterParams,
  setDimensions,
  type SetDimension,
  type StoredFilter,
} from './filter'
import type { Statements } from './statements'

export interface EntryKey {
  id: number
  createdAt: number
}

export interface PlanLimits {
  /** Up to this many ids (phones, contexts, classes), each is read from its own index range and merged. */
  smallSet: number
  /** Up to this many entries behind a larger set, they are all collected from the set's index and sorted. */
  fewEntries: number
}

export const PLAN_LIMITS: PlanLimits = { smallSet: 16, fewEntries: 20_000 }

type SetDriver = { kind: 'set'; dimension: SetDimension; ids: number[] | null; entries: number }
export type Driver = { kind: 'request' } | { kind: 'time' } | SetDriver

/**
 * The keys of one page, newest first, plus one more when there is a next page.
 * The plan starts from the filter that leaves the fewest entries, as the counts tables tell:
 * - requestId: its index, a handful of rows;
 * - a set of up to `smallSet` phones, contexts (a profile) or classes (channel, outcome, statusCode,
 *   apiCode): one index range per id, each already in page order, merged;
 * - a larger set with few entries behind it: all of them from the set's index, sorted;
 * - a larger set with many entries, or only a time range: the time index newest first, keeping rows
 *   that match; with more than `fewEntries` matches a page of 100 turns up within ~100 x total / fewEntries
 *   rows.
 * Each of these indexes has created_at right after its own column, so a time range narrows any range for free.
 */
export function pageKeys(
  statements: Statements,
  filter: StoredFilter,
  cursor: HistoryCursor | undefined,
  limit: number,
  limits: PlanLimits = PLAN_LIMITS,
): EntryKey[] {
  if (filter.matchesNothing) return []
  const driver = chooseDriver(statements, filter, limits)
  if (driver === null) return []
  const take = limit + 1
  const select = (index: string, options: ConditionOptions = {}): EntryKey[] => {
    const where = filterConditions(filter, { ...options, cursor })
    return statements.all<EntryKey>(
      `SELECT h.id AS id, h.created_at AS createdAt FROM history h INDEXED BY ${index}
       WHERE ${where.sql} ORDER BY h.created_at DESC, h.id DESC LIMIT :take`,
      { ...where.params, take },
    )
  }

  switch (driver.kind) {
    case 'request':
      return select('history_request')
    case 'time':
      return select('history_created')
    case 'set': {
      const { dimension, ids } = driver
      if (ids !== null) {
        const ranges = ids.map((id) => select(DIMENSION_INDEX[dimension], { driver: { dimension, id } }))
        return ranges.length === 1 ? ranges[0]! : ranges.flat().sort(newestFirst).slice(0, take)
      }
      return select(driver.entries <= limits.fewEntries ? DIMENSION_INDEX[dimension] : 'history_created')
    }
  }
}

/** The most selective way in, or null when the counts show that nothing matches. */
export function chooseDriver(
  statements: Statements,
  filter: StoredFilter,
  limits: PlanLimits = PLAN_LIMITS,
): Driver | null {
  if (filter.requestId !== undefined) return { kind: 'request' }
  const params = filterParams(filter)
  let best: SetDriver | null = null
  for (const dimension of setDimensions(filter)) {
    const idsSql = dimensionIds(dimension, filter)
    const ids = statements.all<{ id: number }>(`${idsSql} LIMIT ${limits.smallSet + 1}`, params).map((row) => row.id)
    if (ids.length === 0) return null
    const counts =
      dimension === 'phone'
        ? `SELECT sum(n) AS n FROM history_phone_counts WHERE phone_id IN (${idsSql})`
        : `SELECT sum(n) AS n FROM history_counts WHERE ${dimension}_id IN (${idsSql})`
    const entries = statements.get<{ n: number | null }>(counts, params)?.n ?? 0
    if (entries === 0) return null
    if (!best || entries < best.entries) {
      best = { kind: 'set', dimension, ids: ids.length <= limits.smallSet ? ids : null, entries }
    }
  }
  return best ?? { kind: 'time' }
}

export function newestFirst(a: EntryKey, b: EntryKey): number {
  return b.createdAt - a.createdAt || b.id - a.id
}
