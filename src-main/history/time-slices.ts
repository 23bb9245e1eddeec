const HOURS_A_DAY = 24
const HOUR_MS = 3_600_000

/** Half-open ranges [start, end) of UTC day or hour numbers counted from the epoch; empty when end <= start. */
export type NumberRange = [start: number, end: number]

/** A change to a filter's time range: the bounds given replace the filter's own. */
export interface RangeBounds {
  from?: number
  to?: number
}

/**
 * A time range [from, to) cut for the counts tables: whole days, then the whole hours before and after
 * them (`whole` bounds the span they cover), and the parts at either end shorter than an hour, which
 * only the log can count (`edges`, each replacing one bound of the range). An open side is infinite and
 * has no edge. Null when the range holds no whole hour: the log counts it all. Day and hour numbers
 * are UTC, counted from the epoch.
 */
export interface TimeSlices {
  days: NumberRange
  hours: NumberRange[]
  whole: RangeBounds
  edges: RangeBounds[]
}

export function timeSlices(from: number | undefined, to: number | undefined): TimeSlices | null {
  const firstHour = from === undefined ? -Infinity : Math.ceil(from / HOUR_MS)
  const endHour = to === undefined ? Infinity : Math.floor(to / HOUR_MS)
  if (endHour <= firstHour) return null
  const firstDay = Math.ceil(firstHour / HOURS_A_DAY)
  const endDay = Math.floor(endHour / HOURS_A_DAY)
  const slices: TimeSlices = { days: [firstDay, firstDay], hours: [], whole: {}, edges: [] }
  if (endDay > firstDay) {
    slices.days = [firstDay, endDay]
    slices.hours.push([firstHour, firstDay * HOURS_A_DAY], [endDay * HOURS_A_DAY, endHour])
  } else {
    slices.hours.push([firstHour, endHour])
  }
  if (Number.isFinite(firstHour)) {
    slices.whole.from = firstHour * HOUR_MS
    slices.edges.push({ to: firstHour * HOUR_MS })
  }
  if (Number.isFinite(endHour)) {
    slices.whole.to = endHour * HOUR_MS
    slices.edges.push({ from: endHour * HOUR_MS })
  }
  return slices
}

/** A range bound as SQL can take it: an infinite one becomes the farthest safe integer. */
export function finiteBound(value: number): number {
  return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value))
}
