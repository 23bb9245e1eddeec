/**
 * History database benchmark: `npx tsx bench/history.ts [entries]` (default 1,000,000).
 * Fills a database in a temporary folder through the store's own begin/complete, then reports the
 * insert rate, the size on disk per entry, open and migration times, page-query latencies for each
 * filter, and retention and clear times. Not a test: numbers depend on the machine, which is printed
 * with them. Latencies are given as wall-clock time and as this process's CPU time: on a shared
 * machine (see the load average) the CPU time is the steadier measure of the work a query does.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'libsql'
import {
  RESULT_KINDS,
  SMS_CHANNELS,
  type HistoryFilter,
  type SendResult,
  type SmsChannel,
} from '../src-main/shared/contract'
import { openHistory, type HistoryStore, type NewHistoryEntry } from '../src-main/history'

const ENTRIES = Number(process.argv[2] ?? 1_000_000)
const QUERY_RUNS = 200
const START = Date.UTC(2024, 4, 1)
/** One year of history, whatever the entry count. */
const SPAN_MS = 365 * 86_400_000

/** A seeded generator, so every run fills the same database. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = random(20250506)
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
function weighted<T>(choices: [T, number][]): () => T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  return () => {
    let roll = rand() * total
    for (const [value, weight] of choices) {
      roll -= weight
      if (roll < 0) return value
    }
    return choices[choices.length - 1]![0]
  }
}
const hex = (length: number): string => Array.from({ length }, () => Math.floor(rand() * 16).toString(16)).join('')
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`

// Profiles: a few, some renamed once (so a profile id spans several contexts), each with its own app.
const PROFILES = Array.from({ length: 8 }, (_, index) => ({
  id: uuid(),
  names: index % 3 === 0 ? [`Profile ${index}`, `Profile ${index} (renamed)`] : [`Profile ${index}`],
  environment: (['production', 'staging', 'sandbox'] as const)[index % 3]!,
  appId: hex(24),
  host: index === 7 ? 'http://127.0.0.1:41234' : `https://tenant-${index}.authing.cn`,
}))
const OPERATORS = ['alice', 'bob', 'chen.wei', 'li.na', 'ops']

// Phones: 10,000 numbers, mostly mainland, used with a Zipf-like skew (a few test numbers get most sends).
const PHONES = Array.from({ length: 10_000 }, () => {
  const region = weighted<[string | null, number]>([
    [['+86', 11], 80],
    [[null, 11], 10],
    [['+1', 10], 4],
    [['+44', 10], 3],
    [['+852', 8], 3],
  ])() as unknown as [string | null, number]
  const [countryCode, length] = region
  const first =
    countryCode === '+86' || countryCode === null
      ? pick(['13', '15', '17', '18', '19'])
      : String(2 + Math.floor(rand() * 7))
  return {
    countryCode,
    number: first + Array.from({ length: length - first.length }, () => Math.floor(rand() * 10)).join(''),
  }
})
const phoneRank = (): number => Math.min(PHONES.length - 1, Math.floor(Math.pow(rand(), 3) * PHONES.length))

const channelOf = weighted<SmsChannel>([
  ['CHANNEL_LOGIN', 50],
  ['CHANNEL_REGISTER', 15],
  ['CHANNEL_RESET_PASSWORD', 10],
  ['CHANNEL_BIND_PHONE', 6],
  ['CHANNEL_VERIFY_MFA', 6],
  ...SMS_CHANNELS.slice(4)
    .filter((channel) => channel !== 'CHANNEL_VERIFY_MFA')
    .map((channel) => [channel, 2] as [SmsChannel, number]),
])

type Answer = {
  kind: SendResult['kind']
  statusCode: number | null
  apiCode: number | null
  message: string | null
  httpStatus: number | null
}
const answerOf = weighted<Answer>([
  [{ kind: 'success', statusCode: 200, apiCode: null, message: '操作成功', httpStatus: 200 }, 70],
  [{ kind: 'success', statusCode: 200, apiCode: null, message: 'Operation successful', httpStatus: 200 }, 10],
  [
    {
      kind: 'business-failure',
      statusCode: 429,
      apiCode: null,
      message: '您的请求已超过最大数量限制，请稍后重试',
      httpStatus: 200,
    },
    8,
  ],
  [
    {
      kind: 'business-failure',
      statusCode: 400,
      apiCode: 99006,
      message: 'phoneNumber is not a valid phone number',
      httpStatus: 200,
    },
    2,
  ],
  [{ kind: 'business-failure', statusCode: 499, apiCode: 2011, message: '应用不存在', httpStatus: 200 }, 1],
  [{ kind: 'business-failure', statusCode: 401, apiCode: 2020, message: '尚未登录，无访问权限', httpStatus: 200 }, 1],
  [{ kind: 'business-failure', statusCode: 404, apiCode: 2004, message: '用户不存在', httpStatus: 200 }, 1],
  [{ kind: 'http-failure', statusCode: 503, apiCode: null, message: 'Service unavailable', httpStatus: 503 }, 2],
  [{ kind: 'timeout', statusCode: null, apiCode: null, message: null, httpStatus: null }, 2],
  [{ kind: 'network-failure', statusCode: null, apiCode: null, message: null, httpStatus: null }, 2],
  [{ kind: 'unparseable-body', statusCode: null, apiCode: null, message: null, httpStatus: 200 }, 1],
])

interface Sample {
  requestIds: string[]
}

function fill(store: HistoryStore, clock: { now: number }): Sample {
  const requestIds: string[] = []
  const step = SPAN_MS / ENTRIES
  for (let index = 0; index < ENTRIES; index++) {
    clock.now = Math.round(START + index * step + rand() * step)
    const profile = pick(PROFILES)
    const phone = PHONES[phoneRank()]!
    const channel = channelOf()
    const entry: NewHistoryEntry = {
      profileId: profile.id,
      profileName: pick(profile.names),
      environment: profile.environment,
      appId: profile.appId,
      channel,
      phoneCountryCode: phone.countryCode,
      phoneNumber: phone.number,
      operator: pick(OPERATORS),
      note: rand() < 0.05 ? pick(['login test', 'repro for ticket 4711', '复现问题', 'after deploy']) : null,
      cooldownOverride: rand() < 0.01,
      validationOverride: rand() < 0.01,
    }
    const id = store.begin(entry)
    const latencyMs = 40 + Math.floor(rand() * 700)
    clock.now += latencyMs
    store.complete(id, result(profile, entry, latencyMs, requestIds, index))
    if (index > 0 && index % 100_000 === 0) process.stdout.write(`  ${index.toLocaleString('en-US')} entries\n`)
  }
  return { requestIds }
}

function result(
  profile: (typeof PROFILES)[number],
  entry: NewHistoryEntry,
  latencyMs: number,
  requestIds: string[],
  index: number,
): SendResult {
  const answer = answerOf()
  const payload: Record<string, string> = { channel: entry.channel, phoneNumber: entry.phoneNumber }
  if (entry.phoneCountryCode) payload.phoneCountryCode = entry.phoneCountryCode
  const body = JSON.stringify(payload)
  const host = new URL(profile.host).host
  const request: SendResult['request'] = {
    method: 'POST',
    url: `${profile.host}/api/v3/send-sms`,
    headers: {
      host,
      'content-type': 'application/json',
      accept: 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-authing-app-id': profile.appId,
      'x-authing-lang': rand() < 0.7 ? 'zh-CN' : 'en-US',
      'x-authing-request-from': 'genauth-sms-console',
      'x-authing-sdk-version': 'genauth-sms-console:0.1.0',
      ...(rand() < 0.2 ? { authorization: '[redacted]' } : {}),
    },
    body,
  }
  const hasBody = answer.httpStatus !== null
  const requestId = answer.statusCode === null ? null : uuid()
  if (requestId && index % 997 === 0) requestIds.push(requestId)
  const responseBody =
    answer.kind === 'unparseable-body'
      ? '<html><body>502 Bad Gateway</body></html>'
      : JSON.stringify({
          statusCode: answer.statusCode,
          apiCode: answer.apiCode ?? undefined,
          message: answer.message,
          requestId,
        })
  const response = hasBody
    ? {
        status: answer.httpStatus!,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(responseBody)),
          date: new Date(Date.now()).toUTCString(),
          connection: 'keep-alive',
          ...(requestId && rand() < 0.5 ? { 'x-request-id': requestId } : {}),
          ...(profile.host.startsWith('https') ? { server: 'nginx', vary: 'Origin' } : {}),
        },
        body: responseBody,
      }
    : null
  return {
    kind: answer.kind,
    httpStatus: answer.httpStatus,
    statusCode: answer.statusCode,
    apiCode: answer.apiCode,
    message: answer.message,
    requestId,
    errorCode: answer.kind === 'timeout' ? 'TIMEOUT' : answer.kind === 'network-failure' ? 'ECONNRESET' : null,
    errorMessage:
      answer.kind === 'timeout'
        ? 'No answer within 10000 ms'
        : answer.kind === 'network-failure'
          ? 'socket hang up'
          : null,
    latencyMs,
    request,
    response,
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function time<T>(work: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  const value = work()
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const used = process.cpuUsage(cpu)
  return { ms, cpuMs: (used.user + used.system) / 1000, value }
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')

function measure(label: string, filters: () => HistoryFilter, run: (filter: HistoryFilter) => unknown): void {
  const wall: number[] = []
  const cpu: number[] = []
  for (let index = 0; index < QUERY_RUNS; index++) {
    const filter = filters()
    const { ms, cpuMs } = time(() => run(filter))
    wall.push(ms)
    cpu.push(cpuMs)
  }
  wall.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  const f = (value: number): string => value.toFixed(2).padStart(7)
  console.log(
    `  ${label.padEnd(32)} wall p50 ${f(percentile(wall, 50))} p95 ${f(percentile(wall, 95))}` +
      `   cpu p50 ${f(percentile(cpu, 50))} p95 ${f(percentile(cpu, 95))}  (ms)`,
  )
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'history-bench-'))
  const file = join(dir, 'history.db')
  const clock = { now: START }
  const read = (): number => clock.now
  try {
    console.log(
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    )
    console.log(`Runtime: Node ${process.version} on ${process.platform}-${process.arch}`)
    console.log(`Filling ${ENTRIES.toLocaleString('en-US')} entries (begin + complete each, one transaction each)`)

    const migrateEmpty = time(() => openHistory(join(dir, 'empty.db'), { clock: read }))
    migrateEmpty.value.close()

    const store = openHistory(file, { clock: read })
    const filled = time(() => fill(store, clock))
    store.close()
    const bytes = statSync(file).size
    console.log(
      `Insert: ${(ENTRIES / (filled.ms / 1000)).toFixed(0)} entries/s (${((filled.ms * 1000) / ENTRIES).toFixed(0)} µs per begin + complete)`,
    )
    console.log(`Size: ${(bytes / 2 ** 20).toFixed(1)} MiB, ${(bytes / ENTRIES).toFixed(0)} bytes per entry`)
    console.log(`Create and migrate an empty database: ${migrateEmpty.ms.toFixed(1)} ms`)

    const reopen = time(() => openHistory(file, { clock: read }))
    console.log(`Open ${ENTRIES.toLocaleString('en-US')} entries (migrated already): ${reopen.ms.toFixed(1)} ms`)
    reopen.value.close()

    const v1File = join(dir, 'v1.db')
    copyFileSync(file, v1File)
    const v1 = new Database(v1File)
    v1.exec(`DROP TRIGGER history_count_insert; DROP TRIGGER history_count_delete; DROP TRIGGER history_count_update;
             DROP TABLE history_counts; DROP TABLE history_phone_counts; DROP TABLE history_hour_counts;
             DROP TABLE history_day_counts;
             PRAGMA user_version = 1;`)
    v1.close()
    const upgrade = time(() => openHistory(v1File, { clock: read }))
    console.log(
      `Open a schema-1 database of ${ENTRIES.toLocaleString('en-US')} entries and migrate it to 2: ${upgrade.ms.toFixed(0)} ms`,
    )
    upgrade.value.close()
    rmSync(v1File)

    const history = openHistory(file, { clock: read })
    const requestIds = filled.value.requestIds
    const samplePhone = (): string => PHONES[phoneRank()]!.number
    const END = START + SPAN_MS
    const randomStart = (width: number): number => START + Math.floor(rand() * (SPAN_MS - width))
    const statusCodes = [200, 429, 400, 499, 401, 404, 503]
    const apiCodes = [99006, 2011, 2020, 2004]
    const outcomes = RESULT_KINDS
    const page = (filter: HistoryFilter): unknown => history.query({ filter, limit: 100 })
    const window = (days: number): HistoryFilter => {
      const from = randomStart(days * 86_400_000)
      return { from, to: from + days * 86_400_000 }
    }

    const filters: [string, () => HistoryFilter][] = [
      ['no filter', () => ({})],
      ['profileId', () => ({ profileId: pick(PROFILES).id })],
      ['channel', () => ({ channel: pick(SMS_CHANNELS) })],
      ['outcome', () => ({ outcome: pick(outcomes) })],
      ['statusCode', () => ({ statusCode: pick(statusCodes) })],
      ['apiCode', () => ({ apiCode: pick(apiCodes) })],
      ['phone, whole number', () => ({ phone: samplePhone() })],
      ['phone, last 4 digits', () => ({ phone: samplePhone().slice(-4) })],
      ['phone, first 3 digits', () => ({ phone: samplePhone().slice(0, 3) })],
      ['phone, 5 middle digits', () => ({ phone: samplePhone().slice(3, 8) })],
      ['phone, 7 digits (rare)', () => ({ phone: String(Math.floor(rand() * 1e7)).padStart(7, '0') })],
      ['requestId', () => ({ requestId: pick(requestIds) })],
      ['time range, 1 day', () => window(1)],
      ['time range, 7 days', () => window(7)],
      ['time range, last 30 days', () => ({ from: END - 30 * 86_400_000 })],
    ]

    console.log(`\nLoad average (1 / 5 / 15 min) before the queries: ${load()}`)
    console.log(`Page query (limit 100, with counts and total), ${QUERY_RUNS} runs each, random values:`)
    for (const [label, make] of filters) measure(label, make, page)

    console.log('\nCombinations (counted from the log, not the counts tables):')
    const combos: [string, () => HistoryFilter][] = [
      ['channel + outcome', () => ({ channel: pick(SMS_CHANNELS), outcome: pick(outcomes) })],
      ['profileId + 7 days', () => ({ profileId: pick(PROFILES).id, ...window(7) })],
      ['phone (whole) + channel', () => ({ phone: samplePhone(), channel: pick(SMS_CHANNELS) })],
      ['statusCode 429 + last 30 days', () => ({ statusCode: 429, from: END - 30 * 86_400_000 })],
    ]
    for (const [label, make] of combos) measure(label, make, page)

    console.log('\nPage 2 onwards (cursor from the previous page):')
    measure(
      'no filter, page at random depth',
      () => ({}),
      () => {
        const at = randomStart(0)
        return history.query({ filter: {}, cursor: { createdAt: at, id: Number.MAX_SAFE_INTEGER }, limit: 100 })
      },
    )
    console.log(`Load average after the queries: ${load()}`)

    clock.now = END
    const retention = time(() => history.applyRetention({ days: 330, maxEntries: null }))
    console.log(
      `\nRetention (keep 330 of 365 days): deleted ${retention.value.toLocaleString('en-US')} entries in ${retention.ms.toFixed(0)} ms`,
    )
    const cleared = time(() => history.clear())
    console.log(`Clear: deleted ${cleared.value.toLocaleString('en-US')} entries in ${cleared.ms.toFixed(0)} ms`)
    history.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
