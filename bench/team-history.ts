/**
 * Team history benchmark: `npm run bench:team [entries]` (default 1,000,000). Needs Debian's postgresql
 * package (as the team tests do). Starts a throwaway PostgreSQL cluster, runs `team init`'s migrations,
 * fills the team history in SQL (generate_series, in chunks), then prints:
 * - the latency of the history view's page (a page of 200 and the filter's counts, as `history.query`
 *   answers) for the filters by phone, operator, outcome and channel + date range: p50 and p95;
 * - 20 consoles (20 pools) sending to distinct phones at once, begin + complete with the cooldown
 *   check, against the same done on 20 local SQLite histories: p50 and p95 of each and the added p95.
 * Printed, not timed: the figures depend on the machine, which is printed with them. The cluster runs
 * with fsync off (it is thrown away), so commits cost less than on a real server's disk.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMS_CHANNELS, type HistoryFilter, type SmsChannel } from '../src-main/shared/contract'
import { openHistory, type NewHistoryEntry } from '../src-main/history'
import { asyncHistory, refuseBlockedSend, type AsyncHistoryStore } from '../src-main/history/async-history'
import { channelCode, outcomeCode } from '../src-main/history/codes'
import { createTeamPool } from '../src-main/team/connect'
import { TEAM_SCHEMA } from '../src-main/team/migrations'
import { initTeamSchema } from '../src-main/team/schema'
import { openTeamHistory } from '../src-main/team/team-history-store'
import { DEFAULT_COUNTRY_CODE } from '../src-main/team/team-key'
import { PostgresCluster, postgresMissing } from '../tests/main/team/postgres-cluster'

const ENTRIES = Number(process.argv[2] ?? 1_000_000)
const FILL_CHUNK = 100_000
const PAGE = 200
const QUERY_RUNS = 100
const CONSOLES = 20
const SENDS_PER_CONSOLE = 50
const START = Date.UTC(2025, 0, 1)
/** One year of history, whatever the entry count. */
const SPAN_MS = 365 * 86_400_000
const DAY_MS = 86_400_000
const PROFILES = 8
const OPERATORS = Array.from({ length: 40 }, (_, index) => `agent${String(index).padStart(2, '0')}`)
/** Distinct numbers in the history; a few get most sends, as test numbers do. */
const PHONES = 200_000

const phoneOf = (index: number): string => `138${String(index).padStart(8, '0')}`

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const ms = (value: number): string => value.toFixed(2).padStart(7)

function summary(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - start) / 1e6
}

function machine(): string {
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
  return `${cpus()[0]?.model ?? 'unknown CPU'}, nproc ${cpus().length}, load average ${load}`
}

/** A fresh seeded generator per measurement, so every run asks the same questions. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0
    return state / 2 ** 32
  }
}

async function measureFilters(store: AsyncHistoryStore): Promise<void> {
  const filters: [string, (rand: () => number) => HistoryFilter][] = [
    // A number the history knows (the skew puts most sends on the low numbers) and one it may not.
    ['phone (whole number)', (rand) => ({ phone: phoneOf(Math.floor(rand() * rand() * PHONES)) })],
    ['phone (last 6 digits)', (rand) => ({ phone: phoneOf(Math.floor(rand() * PHONES)).slice(-6) })],
    ['operator', (rand) => ({ operator: OPERATORS[Math.floor(rand() * OPERATORS.length)]! })],
    ['outcome', (rand) => ({ outcome: rand() < 0.5 ? 'timeout' : 'http-failure' })],
    ['outcome (success, 85%)', () => ({ outcome: 'success' })],
    [
      'channel + 7 days',
      (rand) => {
        const from = START + Math.floor(rand() * (SPAN_MS - 7 * DAY_MS))
        return { channel: SMS_CHANNELS[Math.floor(rand() * SMS_CHANNELS.length)]!, from, to: from + 7 * DAY_MS }
      },
    ],
  ]
  console.log(`History view page (${PAGE} entries + the filter's counts), ${QUERY_RUNS} runs each, goal p95 < 20 ms:`)
  for (const [label, filterOf] of filters) {
    const rand = random(label.length * 7919)
    const samples: number[] = []
    let total = 0
    for (let run = 0; run < QUERY_RUNS; run++) {
      const filter = filterOf(rand)
      samples.push(
        await timed(async () => {
          total += (await store.query({ filter, limit: PAGE })).total
        }),
      )
    }
    const { p50, p95 } = summary(samples)
    const matched = Math.round(total / QUERY_RUNS).toLocaleString('en-US')
    console.log(`  ${label.padEnd(24)} p50 ${ms(p50)} p95 ${ms(p95)} ms   (${matched} entries match on average)`)
  }
}

/** Every console sends to its own numbers at once, round after round; returns each send's latency. */
async function concurrentSends(consoles: AsyncHistoryStore[], prefix: string): Promise<number[]> {
  const samples: number[] = []
  const guard = { guard: (state: Parameters<typeof refuseBlockedSend>[0]) => refuseBlockedSend(state, false) }
  for (let round = 0; round < SENDS_PER_CONSOLE; round++) {
    await Promise.all(
      consoles.map(async (store, index) => {
        const entry: NewHistoryEntry = {
          profileId: 'profile-0',
          profileName: 'Profile 0',
          environment: 'staging',
          appId: 'app-0',
          channel: 'CHANNEL_LOGIN' satisfies SmsChannel,
          phoneCountryCode: DEFAULT_COUNTRY_CODE,
          phoneNumber: `${prefix}${String(index).padStart(2, '0')}${String(round).padStart(4, '0')}`,
          operator: OPERATORS[index % OPERATORS.length]!,
          note: null,
          cooldownOverride: false,
          validationOverride: false,
        }
        samples.push(
          await timed(async () => {
            const id = await store.begin(entry, { ...guard, timeoutMs: 10_000 })
            await store.complete(id, {
              kind: 'success',
              httpStatus: 200,
              statusCode: 200,
              apiCode: null,
              message: '操作成功',
              requestId: `bench-${prefix}-${index}-${round}`,
              errorCode: null,
              errorMessage: null,
              latencyMs: 120,
              request: {
                method: 'POST',
                url: 'https://bench.example.com/api/v3/send-sms',
                headers: { 'content-type': 'application/json', authorization: '[redacted]' },
                body: JSON.stringify({ channel: entry.channel, phoneNumber: entry.phoneNumber }),
              },
              response: null,
            })
          }),
        )
      }),
    )
  }
  return samples
}

async function main(): Promise<void> {
  const missing = postgresMissing()
  if (missing) {
    console.log(`Team history benchmark not run: ${missing}`)
    process.exitCode = 1
    return
  }
  console.log(`Machine: ${machine()}`)
  console.log(`Runtime: Node ${process.version} on ${process.platform}-${process.arch}`)
  const cluster = await PostgresCluster.start()
  const localDir = mkdtempSync(join(tmpdir(), 'team-bench-local-'))
  try {
    const server = (await cluster.sql('SHOW server_version')).rows[0] as { server_version: string }
    console.log(`PostgreSQL ${server.server_version} (throwaway cluster, fsync off)`)
    const config = await cluster.createDatabase('team_bench')
    const owner = createTeamPool(config, null, { max: 1 })
    await initTeamSchema(owner, null)

    const fillStart = process.hrtime.bigint()
    const channels = SMS_CHANNELS.map(channelCode)
    for (let first = 0; first < ENTRIES; first += FILL_CHUNK) {
      const last = Math.min(ENTRIES, first + FILL_CHUNK)
      await owner.query(FILL_SQL, [first, last, OPERATORS, channels, START, SPAN_MS, ENTRIES])
    }
    await owner.query(`VACUUM ANALYZE ${TEAM_SCHEMA}.history`)
    const fillSeconds = Number(process.hrtime.bigint() - fillStart) / 1e9
    const size = await owner.query<{ size: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('${TEAM_SCHEMA}.history')) AS size`,
    )
    console.log(
      `Filled ${ENTRIES.toLocaleString('en-US')} team entries in ${fillSeconds.toFixed(1)} s (with the indexes, ` +
        `then VACUUM ANALYZE); table and indexes: ${size.rows[0]!.size}`,
    )
    await owner.end()

    const reader = await openTeamHistory({ config, password: null, clock: Date.now, consoleId: 'bench-reader' })
    await measureFilters(reader)
    await reader.close()

    const teams = await Promise.all(
      Array.from({ length: CONSOLES }, (_, index) =>
        openTeamHistory({ config, password: null, clock: Date.now, consoleId: `bench-console-${index}` }),
      ),
    )
    const locals = Array.from({ length: CONSOLES }, (_, index) =>
      asyncHistory(openHistory(join(localDir, `console-${index}.db`), { clock: Date.now }), Date.now),
    )
    // One round each first, so connections are open and statements warm on both sides.
    await concurrentSends(teams, '13900')
    await concurrentSends(locals, '13900')
    const local = summary(await concurrentSends(locals, '13700'))
    const team = summary(await concurrentSends(teams, '13700'))
    await Promise.all([...teams, ...locals].map((store) => store.close()))
    console.log(
      `${CONSOLES} consoles sending to distinct phones at once, ${SENDS_PER_CONSOLE} rounds, begin + complete with ` +
        'the cooldown check:',
    )
    console.log(`  local SQLite (one file each)   p50 ${ms(local.p50)} p95 ${ms(local.p95)} ms`)
    console.log(`  team PostgreSQL (one pool each) p50 ${ms(team.p50)} p95 ${ms(team.p95)} ms`)
    console.log(`  added by the team database     p95 ${ms(team.p95 - local.p95)} ms`)
    console.log(`Load average at the end: ${loadavg()[0]!.toFixed(2)}`)
  } finally {
    await cluster.dispose()
    rmSync(localDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
