import type { HistoryCursor } from '../shared/contract/history'
import {
  DIMENSION_COLUMN,
  dimensionIds,
  filterParams,
  setDimensions,
  type SetDimension,
  type StoredFilter,
} from './filter'
import type { Params } from './statements'

export interface ConditionOptions {
  cursor?: HistoryCursor
  /** The dimension a plan reads one id at a time: written as `column = :driverId`. */
  driver?: { dimension: SetDimension; id: number }
}

/** The filter as SQL conditions on `history h`, joined with AND (`1` when there are none). */
export function filterConditions(
  filter: StoredFilter,
  options: ConditionOptions = {},
): { sql: string; params: Params } {
  const terms: string[] = []
  const params: Params = filterParams(filter)
  for (const dimension of setDimensions(filter)) {
    const column = `h.${DIMENSION_COLUMN[dimension]}`
    if (options.driver?.dimension === dimension) {
      terms.push(`${column} = :driverId`)
      params.driverId = options.driver.id
    } else {
      terms.push(`${column} IN (${dimensionIds(dimension, filter)})`)
    }
  }
  if (filter.requestId !== undefined) terms.push('h.request_key = :requestKey')
  if (filter.from !== undefined) terms.push('h.created_at >= :from')
  if (filter.to !== undefined) terms.push('h.created_at < :to')
  if (options.cursor) {
    // The first term gives the index a range to seek; the second breaks ties on the same millisecond.
    terms.push('h.created_at <= :cursorAt AND (h.created_at < :cursorAt OR h.id < :cursorId)')
    params.cursorAt = options.cursor.createdAt
    params.cursorId = options.cursor.id
  }
  return { sql: terms.length > 0 ? terms.join(' AND ') : '1', params }
}
