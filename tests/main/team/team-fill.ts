import type pg from 'pg'
import { SMS_CHANNELS } from '../../../src-main/shared/contract'
import { channelCode, outcomeCode } from '../../../src-main/history/codes'
import { TEAM_SCHEMA } from '../../../src-main/team/migrations'

/**
 * A large team history made in SQL, for the benchmark (`bench/team-history.ts`) and the tests that
 * check how its pages and counts are read: spread evenly over a year, from 8 profiles and 40 operators,
 * mostly to a few thousand numbers.
 */
export const START = Date.UTC(2025, 0, 1)
/** One year of history, whatever the entry count. */
export const SPAN_MS = 365 * 86_400_000
export const DAY_MS = 86_400_000
const PROFILES = 8
export const OPERATORS = Array.from({ length: 40 }, (_, index) => `agent${String(index).padStart(2, '0')}`)
/** Distinct numbers in the history; a few get most sends, as test numbers do. */
export const PHONES = 200_000

export const phoneOf = (index: number): string => `138${String(index).padStart(8, '0')}`

/**
 * One chunk of rows, [first, last), all computed in SQL from the row number: spread evenly over the
 * year, outcomes weighted like a real history (mostly successes, a throttle answer now and then).
 */
const FILL_SQL = `
INSERT INTO ${TEAM_SCHEMA}.history (created_at, completed_at, profile_id, profile_name, environment, app_id,
  operator, channel, country_code, phone_number, phone_digits, cooldown_phone, outcome, http_status, status_code,
  api_code, latency_ms, cooldown_override, validation_override, note, request_id, console_id)
SELECT created, created + 150 + r % 400, 'profile-' || p, 'Profile ' || p,
       (ARRAY['production', 'staging', 'sandbox'])[1 + p % 3], 'app-' || p,
       ($3::text[])[1 + (r >> 8) % cardinality($3::text[])], ($4::smallint[])[1 + (r >> 4) % cardinality($4::smallint[])],
       '+86', phone, phone, '["app-' || p || '","+86","' || phone || '"]',
       CASE WHEN o < 85 THEN ${outcomeCode('success')} WHEN o < 95 THEN ${outcomeCode('business-failure')}
            WHEN o < 97 THEN ${outcomeCode('http-failure')} WHEN o < 99 THEN ${outcomeCode('timeout')}
            ELSE ${outcomeCode('network-failure')} END,
       CASE WHEN o < 95 THEN 200 WHEN o < 97 THEN 502 END,
       CASE WHEN o < 85 THEN 200 WHEN o < 90 THEN 429 WHEN o < 95 THEN 400 END,
       CASE WHEN o >= 90 AND o < 95 THEN 99006 END,
       80 + r % 300, false, false, NULL, CASE WHEN o < 97 THEN md5(i::text) END, 'bench'
FROM (
  SELECT i, r, r % ${PROFILES} AS p, (r >> 12) % 100 AS o,
         $5::bigint + (i * $6::bigint) / $7::bigint AS created,
         -- A skewed pick: a square of a uniform number favours the low phone numbers.
         '138' || lpad(((((r >> 3) % 10000)::bigint * ((r >> 3) % 10000) * ${PHONES}) / 100000000)::text, 8, '0')
           AS phone
  FROM (SELECT i, hashint4(i) & 2147483647 AS r FROM generate_series($1::int, $2::int - 1) AS i) AS numbered
) AS rows`

const FILL_CHUNK = 100_000

/** Adds `entries` finished entries, in chunks, then updates the planner's statistics. */
export async function fillTeamHistory(db: pg.Pool, entries: number): Promise<void> {
  const channels = SMS_CHANNELS.map(channelCode)
  for (let first = 0; first < entries; first += FILL_CHUNK) {
    const last = Math.min(entries, first + FILL_CHUNK)
    await db.query(FILL_SQL, [first, last, OPERATORS, channels, START, SPAN_MS, entries])
  }
  await db.query(`VACUUM ANALYZE ${TEAM_SCHEMA}.history`)
}
