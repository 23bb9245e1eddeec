/**
 * Team history benchmark: `npm run bench:team [entries]` (default 1,000,000). Needs Debian's postgresql
 * package (as the team tests do). Starts a throwaway PostgreSQL cluster, runs `team init`'s migrations,
 * fills the team history in SQL (generate_series, in chunks), then prints:
 * - the latency of the history view's page (a page of 200 and the filter's counts, as `history.query`
 *   answers) for the filters by phone, operator, outcome and channel + date range: p50 and p95;
 * - 20 consoles (20 pools) sending to distinct phones at once, begin + complete with the cooldown
 *   check, against the same done on 20 local SQLite histories, their rounds alternating: p50 and p95 of
 *   each and the added p95.
 * Printed, not timed: the figures depend on the machine, which is printed with them. The cluster runs
 * with fsync off (it is thrown away), so commits cost less than on a real server's disk.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMS_CHANNELS, type HistoryFilter, type SmsChannel } from '../src-main/shared/contract'
import { openHistory, type NewHistoryEntry } from '../src-main/history'
import { asyncHistory, refuseBlockedSend, type AsyncHistoryStore } from '../src-main/history/async-history'
import { createTeamPool } from '../src-main/team/connect'
import { TEAM_SCHEMA } from '../src-main/team/migrations'
import { initTeamSchema } from '../src-main/team/schema'
import { openTeamHistory } from '../src-main/team/team-history-store'
import { DEFAULT_COUNTRY_CODE } from '../src-main/team/team-key'
import { PostgresCluster, postgresMissing } from '../tests/main/team/postgres-cluster'
import { DAY_MS, fillTeamHistory, OPERATORS, PHONES, phoneOf, SPAN_MS, START } from '../tests/main/team/team-fill'

const ENTRIES = Number(process.argv[2] ?? 1_000_000)
const PAGE = 200
const QUERY_RUNS = 100
const WARM_RUNS = 5
const CONSOLES = 20
const SENDS_PER_CONSOLE = 50
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
    // A few untimed questions first (other ones): connections open and plans cached, as in a window in use.
    const warm = random(label.length * 104_729)
    for (let run = 0; run < WARM_RUNS; run++) await store.query({ filter: filterOf(warm), limit: PAGE })
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

/** Every console sends to its own number at once (one round); returns each send's latency. */
async function sendRound(consoles: AsyncHistoryStore[], prefix: string, round: number): Promise<number[]> {
  const samples: number[] = []
  const guard = { guard: (state: Parameters<typeof refuseBlockedSend>[0]) => refuseBlockedSend(state, false) }
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
    await fillTeamHistory(owner, ENTRIES)
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
    // One round each first, so connections are open and statements warm on both sides; then the rounds
    // alternate, so a change in the machine's load falls on both alike.
    await sendRound(teams, '13900', 0)
    await sendRound(locals, '13900', 0)
    const samples = { local: [] as number[], team: [] as number[] }
    for (let round = 0; round < SENDS_PER_CONSOLE; round++) {
      samples.local.push(...(await sendRound(locals, '13700', round)))
      samples.team.push(...(await sendRound(teams, '13700', round)))
    }
    const local = summary(samples.local)
    const team = summary(samples.team)
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
