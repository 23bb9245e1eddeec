import type pg from 'pg'
import { HISTORY, TEAM_SCHEMA } from './migrations'
import { IN_FLIGHT } from './team-filter'

/**
 * Rows of the phone counts a search reads at most (a row per number and outcome). A search matching
 * more numbers matches so much of the history that reading it newest first fills a page quickly.
 */
export const PHONE_ROWS_READ = 3000

/** The numbers a phone search matches, found in the phone counts (and the few entries in flight). */
export interface PhoneMatch {
  /** Entries per matching number (its digits); null when the search matches too many numbers to list. */
  entries: Map<string, number> | null
  /** The matching entries per outcome; null with `entries`. */
  outcomes: { outcome: number; n: number }[] | null
  /** About how many entries the whole history holds (the planner's statistics). */
  historySize: number
}

/**
 * One statement, so the finished and the in-flight entries are read from one snapshot. A number of the
 * search's own length contains it only if it is it: the search of a whole number reads the number's
 * rows and the few longer numbers, not the trigrams of digits every number shares.
 */
export async function matchPhones(db: pg.ClientBase | pg.Pool, digits: string): Promise<PhoneMatch> {
  const found = await db.query<{ digits: string; outcome: number; n: number; counted: boolean; size: number }>(
    `SELECT phone_digits AS digits, outcome, n, counted,
            (SELECT reltuples FROM pg_class WHERE oid = '${HISTORY}'::regclass)::bigint AS size
     FROM ((SELECT phone_digits, outcome, n, true AS counted FROM ${TEAM_SCHEMA}.history_phone_counts
            WHERE (phone_digits = $1 OR (length(phone_digits) > length($1) AND phone_digits LIKE '%' || $1 || '%'))
              AND n > 0 LIMIT $2)
           UNION ALL
           (SELECT phone_digits, outcome, count(*)::int, false FROM ${IN_FLIGHT}
            WHERE phone_digits LIKE '%' || $1 || '%' GROUP BY phone_digits, outcome)) AS matched`,
    [digits, PHONE_ROWS_READ],
  )
  const counted = found.rows.filter((row) => row.counted).length
  const historySize = Math.max(0, found.rows[0]?.size ?? 0)
  if (counted >= PHONE_ROWS_READ) return { entries: null, outcomes: null, historySize }
  const entries = new Map<string, number>()
  for (const row of found.rows) entries.set(row.digits, (entries.get(row.digits) ?? 0) + row.n)
  return { entries, outcomes: found.rows, historySize }
}
