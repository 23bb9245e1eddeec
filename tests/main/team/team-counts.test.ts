import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMS_CHANNELS, type HistoryEntry, type HistoryFilter, type SendResult } from '../../../src-main/shared/contract'
import { toStoredFilter } from '../../../src-main/history/filter'
import { tally } from '../../../src-main/history/outcome-counts'
import { createTeamPool } from '../../../src-main/team/connect'
import type { TeamDatabaseConfig } from '../../../src-main/team/connection-config'
import { HISTORY } from '../../../src-main/team/migrations'
import { initTeamSchema } from '../../../src-main/team/schema'
import { SqlParams, teamFilterSql } from '../../../src-main/team/team-filter'
import { LEASE_MARGIN_MS, openTeamHistory, type TeamHistoryStore } from '../../../src-main/team/team-history-store'
import { newEntry, sendResult, T0, TestClock } from '../history/history-fixtures'
import { PostgresCluster, postgresMissing } from './postgres-cluster'

const missing = postgresMissing()
if (missing) console.warn(`Team count tests skipped: ${missing}`)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const PHONES = ['13800138000', '13812345678', '18800008888', '4155550123', '51234567']
const OPERATORS = ['alice', 'bob']
const RESULTS: (Partial<SendResult> & Pick<SendResult, 'kind'>)[] = [
  { kind: 'success' },
  { kind: 'business-failure', statusCode: 429 },
  { kind: 'business-failure', statusCode: 400, apiCode: 99006 },
  { kind: 'http-failure', statusCode: 503, httpStatus: 503 },
  { kind: 'timeout', statusCode: null, httpStatus: null, requestId: null, response: null },
]

/** Filters of every shape the counts are read for: from the count tables, from the log, and both. */
const FILTERS: HistoryFilter[] = [
  {},
  { profileId: 'p-1' },
  { operator: 'bob' },
  { operator: 'bob', profileId: 'p-0', channel: 'CHANNEL_REGISTER' },
  { channel: 'CHANNEL_LOGIN', profileId: 'p-0' },
  { outcome: 'unknown' },
  { outcome: 'success', channel: 'CHANNEL_RESET_PASSWORD' },
  { outcome: 'sending', operator: 'alice' },
  { apiCode: 99006 },
  { statusCode: 429, profileId: 'p-1' },
  { statusCode: 400, apiCode: 99006, operator: 'alice' },
  { phone: '13812345678' },
  { phone: '8888' },
  { phone: '138', outcome: 'timeout' },
  { phone: '5', operator: 'alice' },
  { from: T0 + 1.5 * HOUR },
  { to: T0 + 2 * DAY + 0.25 * HOUR },
  { from: T0 + 0.5 * HOUR, to: T0 + 2 * DAY + 3.5 * HOUR },
  { from: T0 + 0.5 * HOUR, to: T0 + 2 * DAY, channel: 'CHANNEL_LOGIN', outcome: 'success' },
  { from: T0 + 7 * HOUR, to: T0 + 30 * HOUR, outcome: 'sending' },
  { from: T0 + DAY, operator: 'bob' },
  { requestId: 'req-7' },
]

describe.skipIf(missing)('team history counts kept by triggers', () => {
  let cluster: PostgresCluster
  let databases = 0
  beforeAll(async () => {
    cluster = await PostgresCluster.start()
    // A console role that may read the count tables but not write them: the triggers write them.
    await cluster.sql('CREATE ROLE sms_reader LOGIN')
  }, 120_000)
  afterAll(() => cluster?.dispose())

  async function teamDatabase(): Promise<{ config: TeamDatabaseConfig; owner: pg.Pool }> {
    const config = await cluster.createDatabase(`counts_${++databases}`)
    const owner = createTeamPool(config, null, { max: 1 })
    await initTeamSchema(owner, null)
    await owner.query(`GRANT USAGE ON SCHEMA genauth_sms TO sms_reader;
      GRANT SELECT, INSERT, UPDATE ON ${HISTORY} TO sms_reader;
      GRANT SELECT ON ALL TABLES IN SCHEMA genauth_sms TO sms_reader;`)
    return { config, owner }
  }

  /** The counts read from the log alone, entry by entry. */
  async function logCounts(owner: pg.Pool, filter: HistoryFilter) {
    const stored = toStoredFilter(filter)
    if (stored.matchesNothing) return { counts: {}, total: 0 }
    const params = new SqlParams()
    const found = await owner.query<{ outcome: number; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM ${HISTORY} WHERE ${teamFilterSql(stored, params)} GROUP BY outcome`,
      params.values,
    )
    return tally(found.rows)
  }

  async function expectCountsOfTheLog(store: TeamHistoryStore, owner: pg.Pool): Promise<void> {
    for (const filter of FILTERS) {
      const counted = await store.counts(filter)
      expect(counted, JSON.stringify(filter)).toEqual(await logCounts(owner, filter))
      expect((await store.query({ filter, limit: 5 })).total, JSON.stringify(filter)).toBe(counted.total)
    }
  }

  it('agrees with the log through sends, leases ending, late answers, imports and the owner deleting entries', async () => {
    const { config, owner } = await teamDatabase()
    const clock = new TestClock()
    const open = (consoleId: string) =>
      openTeamHistory({ config: { ...config, user: 'sms_reader' }, password: null, clock: clock.read, consoleId })
    const [a, b] = await Promise.all([open('console-a'), open('console-b')])
    try {
      const cutOff: number[] = []
      for (let index = 0; index < 120; index++) {
        // Over two days and a bit, minutes apart, now and then across an hour or a day.
        clock.now = T0 + index * 27 * 60_000 + (index % 7) * 1000
        const store = index % 3 === 0 ? b : a
        const entry = newEntry({
          profileId: `p-${index % 2}`,
          operator: OPERATORS[index % 5 === 0 ? 1 : 0]!,
          channel: SMS_CHANNELS[index % 3]!,
          phoneNumber: PHONES[(index * 3) % PHONES.length]!,
        })
        const id = await store.begin(entry, { timeoutMs: 3 * DAY })
        if (index % 13 === 4) {
          cutOff.push(id)
          continue
        }
        const shape = RESULTS[index % RESULTS.length]!
        await store.complete(
          id,
          sendResult(entry, { ...shape, requestId: shape.requestId === null ? null : `req-${index}` }),
        )
      }
      // Sends still in flight are counted from the log, the finished ones from the count tables.
      await expectCountsOfTheLog(a, owner)

      // Their leases end: outcome unknown for everyone; one answer arrives late and replaces it.
      clock.advance(3 * DAY + LEASE_MARGIN_MS)
      expect(await b.recoverInterrupted()).toBe(cutOff.length)
      const late = (await a.get(cutOff[1]!, true)) as HistoryEntry
      await b.complete(cutOff[1]!, sendResult(newEntry({ phoneNumber: late.phoneNumber }), { kind: 'success' }))
      await expectCountsOfTheLog(a, owner)

      // An import of finished entries, twice (the second adds nothing).
      const entries = JSON.parse((await a.export({ operator: 'bob' }, 'json', true)).content).entries as HistoryEntry[]
      const copies = entries.map((entry) => ({ ...entry, createdAt: entry.createdAt + 3 * DAY, operator: 'carol' }))
      expect((await b.importEntries(copies)).added).toBe(copies.length)
      expect((await b.importEntries(copies)).added).toBe(0)
      await expectCountsOfTheLog(a, owner)

      // The database owner's retention, then clearing it all.
      await owner.query(`DELETE FROM ${HISTORY} WHERE created_at < $1`, [T0 + DAY])
      await expectCountsOfTheLog(a, owner)
      await owner.query(`TRUNCATE ${HISTORY}`)
      expect(await a.counts({})).toEqual({ counts: {}, total: 0 })
      expect(await a.counts({ phone: '138' })).toEqual({ counts: {}, total: 0 })
    } finally {
      await Promise.all([a.close(), b.close(), owner.end()])
    }
  })

  it('lets consoles complete sends at once, beside an import, without a deadlock', async () => {
    const { config, owner } = await teamDatabase()
    const clock = new TestClock()
    const consoles = await Promise.all(
      ['console-a', 'console-b', 'console-c'].map((consoleId) =>
        openTeamHistory({ config: { ...config, user: 'sms_reader' }, password: null, clock: clock.read, consoleId }),
      ),
    )
    try {
      // Every send shares its profile, hour and day with the others: the same count rows, in both orders.
      const sends = consoles.flatMap((store, console) =>
        [0, 1, 2, 3].map(async (lane) => {
          for (let round = 0; round < 15; round++) {
            const entry = newEntry({
              phoneNumber: `1390${console}${lane}${String(round).padStart(5, '0')}`,
              operator: OPERATORS[(lane + round) % 2]!,
            })
            const id = await store.begin(entry)
            const shape = RESULTS[(console + lane + round) % RESULTS.length]!
            await store.complete(id, sendResult(entry, shape))
          }
        }),
      )
      const outcomes = ['success', 'timeout', 'business-failure'] as const
      const imported = Array.from({ length: 1200 }, (_, index) => finishedEntry(index, outcomes[index % 3]!))
      const importing = consoles[0]!.importEntries(imported)
      await Promise.all([...sends, importing])
      expect((await importing).added).toBe(1200)
      await expectCountsOfTheLog(consoles[1]!, owner)
    } finally {
      await Promise.all([...consoles.map((store) => store.close()), owner.end()])
    }
  })
})

/** A finished local entry to import, its phone and operator among the ones the consoles send to. */
function finishedEntry(index: number, outcome: HistoryEntry['outcome']): HistoryEntry {
  const entry = newEntry({
    phoneNumber: `1390${index % 3}0${String(index).padStart(5, '0')}`,
    operator: OPERATORS[index % 2]!,
  })
  return {
    id: index + 1,
    createdAt: T0 + index,
    completedAt: T0 + index + 100,
    profileId: entry.profileId,
    profileName: entry.profileName,
    environment: entry.environment,
    appId: entry.appId,
    operator: entry.operator,
    channel: entry.channel,
    phoneCountryCode: entry.phoneCountryCode,
    phoneNumber: entry.phoneNumber,
    outcome,
    httpStatus: 200,
    statusCode: 200,
    apiCode: null,
    message: null,
    requestId: `import-${index}`,
    latencyMs: 100,
    cooldownOverride: false,
    validationOverride: false,
    note: null,
    request: null,
    response: null,
  }
}
