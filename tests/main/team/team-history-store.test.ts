import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { refuseBlockedSend, type KeyState } from '../../../src-main/history/async-history'
import { createTeamPool } from '../../../src-main/team/connect'
import type { TeamDatabaseConfig } from '../../../src-main/team/connection-config'
import { consoleRoleGrants } from '../../../src-main/team/console-role'
import { TEAM_SCHEMA_VERSION } from '../../../src-main/team/migrations'
import { initTeamSchema } from '../../../src-main/team/schema'
import { TeamDatabaseError } from '../../../src-main/team/team-errors'
import { LEASE_MARGIN_MS, openTeamHistory, type TeamHistoryStore } from '../../../src-main/team/team-history-store'
import type { HistoryEntry } from '../../../src-main/shared/contract'
import { newEntry, sendResult, T0, TempHistory, TestClock } from '../history/history-fixtures'
import { PostgresCluster, postgresMissing } from './postgres-cluster'
import { recordStatements } from './statement-plans'

const missing = postgresMissing()
if (missing) console.warn(`Team history store tests skipped: ${missing}`)

const PHONE = { appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13812345678' }
const guarded = { guard: (state: KeyState) => refuseBlockedSend(state, false) }

describe.skipIf(missing)('team history on PostgreSQL', () => {
  let cluster: PostgresCluster
  let databases = 0
  const opened: TeamHistoryStore[] = []
  beforeAll(async () => {
    cluster = await PostgresCluster.start()
  }, 120_000)
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  afterAll(() => cluster?.dispose())

  async function teamDatabase(options: { init?: boolean } = {}): Promise<TeamDatabaseConfig> {
    const config = await cluster.createDatabase(`team_${++databases}`)
    if (options.init ?? true) {
      const pool = createTeamPool(config, null)
      await initTeamSchema(pool, null)
      await pool.end()
    }
    return config
  }

  async function openConsole(
    config: TeamDatabaseConfig,
    consoleId: string,
    clock: TestClock,
    password: string | null = null,
  ): Promise<TeamHistoryStore> {
    const store = await openTeamHistory({ config, password, clock: clock.read, consoleId })
    opened.push(store)
    return store
  }

  it('shows a send in flight as sending to every console while its lease runs, then as outcome unknown that cools the channel', async () => {
    const config = await teamDatabase()
    const clock = new TestClock()
    const a = await openConsole(config, 'console-a', clock)
    const b = await openConsole(config, 'console-b', clock)
    const entry = newEntry()
    const id = await a.begin(entry, { timeoutMs: 10_000 })
    const leaseEnd = T0 + 10_000 + LEASE_MARGIN_MS

    clock.now = leaseEnd - 1
    expect(await b.sendingChannels(PHONE)).toEqual(['CHANNEL_LOGIN'])
    expect((await b.get(id, false)).outcome).toBe('sending')
    await expect(b.begin(entry, guarded)).rejects.toMatchObject({ code: 'in-flight' })

    clock.now = leaseEnd
    expect(await b.sendingChannels(PHONE)).toEqual([])
    expect(await b.cooldownEvents(PHONE, clock.now - 60_000)).toEqual([
      { channel: 'CHANNEL_LOGIN', at: leaseEnd, reason: 'maybe-sent', outcome: 'unknown' },
    ])
    await expect(b.begin(entry, guarded)).rejects.toMatchObject({ code: 'cooldown' })
    expect(await b.get(id, false)).toMatchObject({ outcome: 'unknown', completedAt: leaseEnd })
    expect(await a.counts({})).toEqual({ counts: { unknown: 1 }, total: 1 })

    clock.now = leaseEnd + 60_000
    const next = await b.begin(entry, guarded)
    expect((await a.get(next, false)).operator).toBe('alice')

    // The owner's answer arrives after all: it is what happened, and replaces "outcome unknown".
    await a.complete(id, sendResult(entry, { kind: 'success' }))
    expect((await b.get(id, false)).outcome).toBe('success')
    // Another console cannot complete an entry it does not own.
    await b.complete(next, sendResult(entry, { kind: 'success' }))
    await a.complete(next, sendResult(entry, { kind: 'business-failure', statusCode: 400 }))
    expect((await a.get(next, false)).outcome).toBe('success')
  })

  it('settles ended leases before a read, and skips the settling while no lease can have ended', async () => {
    const config = await teamDatabase()
    const clock = new TestClock()
    const a = await openConsole(config, 'console-a', clock)
    const b = await openConsole(config, 'console-b', clock)
    const settles = async (read: () => Promise<unknown>): Promise<boolean> =>
      (await recordStatements(read)).some((statement) => statement.text.includes('UPDATE'))

    const long = await a.begin(newEntry(), { timeoutMs: 60_000 })
    expect(await settles(() => a.query({ filter: {}, limit: 10 }))).toBe(true)
    clock.advance(1)
    expect(await settles(() => a.query({ filter: {}, limit: 10 }))).toBe(false)
    // Another console's send with a shorter lease, begun after the settling: it ends first.
    const short = await b.begin(newEntry({ channel: 'CHANNEL_REGISTER' }), { timeoutMs: 0 })
    clock.now = T0 + 1 + LEASE_MARGIN_MS
    expect(await settles(() => a.get(short, false))).toBe(true)
    expect((await a.get(short, false)).outcome).toBe('unknown')
    expect((await a.get(long, false)).outcome).toBe('sending')
    clock.now = T0 + 60_000 + LEASE_MARGIN_MS
    expect(await a.counts({})).toEqual({ counts: { unknown: 2 }, total: 2 })
  })

  it('finds a whole number searched for inside longer numbers too', async () => {
    const config = await teamDatabase()
    const store = await openConsole(config, 'console-a', new TestClock())
    const plain = await store.begin(newEntry({ phoneNumber: '13812345678' }))
    const prefixed = await store.begin(newEntry({ phoneNumber: '+86 138 1234 5678', channel: 'CHANNEL_REGISTER' }))
    await store.begin(newEntry({ phoneNumber: '13812345679', channel: 'CHANNEL_BIND_PHONE' }))
    for (const phone of ['13812345678', '1381234567']) {
      const page = await store.query({ filter: { phone }, limit: 10 })
      expect(page.entries.map((entry) => entry.id).sort()).toEqual(
        phone === '13812345678' ? [plain, prefixed] : expect.arrayContaining([plain, prefixed]),
      )
      expect(page.total).toBe(phone === '13812345678' ? 2 : 3)
    }
  })

  it('treats a number without a country code as +86, on every console', async () => {
    const config = await teamDatabase()
    const clock = new TestClock()
    const a = await openConsole(config, 'console-a', clock)
    await a.begin(newEntry({ phoneCountryCode: null, phoneNumber: '138-1234-5678' }), guarded)
    await expect(a.begin(newEntry(), guarded)).rejects.toMatchObject({ code: 'in-flight' })
    expect(await a.sendingChannels({ ...PHONE, phoneCountryCode: null })).toEqual(['CHANNEL_LOGIN'])
    await a.begin(newEntry({ phoneCountryCode: '+852' }), guarded)
  })

  it('refuses to write to a newer schema, naming the version it needs, and still reads', async () => {
    const config = await teamDatabase()
    const clock = new TestClock()
    const current = await openConsole(config, 'console-a', clock)
    await current.begin(newEntry())
    await cluster.sql(`UPDATE genauth_sms.schema_version SET version = ${TEAM_SCHEMA_VERSION + 1}`, config.database)

    const older = await openConsole(config, 'console-old', clock)
    expect(older.writeProblem?.problem).toBe('schema-too-new')
    const refusal = older.begin(newEntry({ channel: 'CHANNEL_REGISTER' }))
    await expect(refusal).rejects.toBeInstanceOf(TeamDatabaseError)
    await expect(refusal).rejects.toThrow(
      `schema version ${TEAM_SCHEMA_VERSION + 1}, newer than this console knows; this console needs schema version ${TEAM_SCHEMA_VERSION}`,
    )
    expect((await older.query({ filter: {}, limit: 10 })).total).toBe(1)
    const pool = createTeamPool(config, null)
    await expect(initTeamSchema(pool, null)).rejects.toMatchObject({ problem: 'schema-too-new' })
    await pool.end()
  })

  it('opens nothing on a database team init has not prepared, and says what to run', async () => {
    const clock = new TestClock()
    const bare = await teamDatabase({ init: false })
    await expect(openConsole(bare, 'console-a', clock)).rejects.toMatchObject({
      problem: 'schema-missing',
      message: expect.stringContaining('genauth-sms team init'),
    })
    const old = await teamDatabase()
    await cluster.sql('UPDATE genauth_sms.schema_version SET version = 0', old.database)
    await expect(openConsole(old, 'console-a', clock)).rejects.toMatchObject({ problem: 'schema-too-old' })
  })

  it('migrates once when two inits race, and again changes nothing', async () => {
    const config = await teamDatabase({ init: false })
    const pools = [createTeamPool(config, null), createTeamPool(config, null)]
    try {
      const results = await Promise.all(pools.map((pool) => initTeamSchema(pool, null)))
      expect(results.map((result) => result.from).sort()).toEqual([0, TEAM_SCHEMA_VERSION])
      expect(await initTeamSchema(pools[0]!, null)).toEqual({ from: TEAM_SCHEMA_VERSION, to: TEAM_SCHEMA_VERSION })
    } finally {
      await Promise.all(pools.map((pool) => pool.end()))
    }
  })

  it("gives a console's role reads and writes, but no deletes and no schema changes", async () => {
    const config = await teamDatabase()
    await cluster.sql(`DO $$ BEGIN CREATE ROLE sms_agent LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`)
    await cluster.sql(consoleRoleGrants('sms_agent'), config.database)
    const agent = { ...config, user: 'sms_agent' }
    const store = await openConsole(agent, 'console-a', new TestClock())
    const id = await store.begin(newEntry())
    await store.complete(id, sendResult(newEntry(), { kind: 'success' }))
    const pool = createTeamPool(agent, null)
    try {
      for (const statement of [
        'DELETE FROM genauth_sms.history',
        'TRUNCATE genauth_sms.history',
        'CREATE TABLE genauth_sms.extra (id int)',
        'ALTER TABLE genauth_sms.history ADD COLUMN extra int',
        'DROP TABLE genauth_sms.history',
      ]) {
        await expect(pool.query(statement), statement).rejects.toThrow(/permission denied|must be owner/)
      }
    } finally {
      await pool.end()
    }
  })

  it('imports a local history in batches: every finished entry once, however often it runs', async () => {
    const local = new TempHistory()
    try {
      const history = local.open()
      // More than two batches of finished sends, the same second sometimes, and one still in flight.
      for (let index = 0; index < 1203; index++) {
        local.clock.now = T0 + Math.floor(index / 3) * 1000
        const entry = newEntry({ phoneNumber: `1380000${String(index % 400).padStart(4, '0')}` })
        history.complete(history.begin(entry), sendResult(entry, { kind: index % 4 ? 'success' : 'timeout' }))
      }
      history.begin(newEntry({ phoneNumber: '13999999999' }))
      const entries = (JSON.parse(history.export({}, 'json', true).content) as { entries: HistoryEntry[] }).entries
      const store = await openConsole(await teamDatabase(), 'console-a', new TestClock())

      // The newest half (the send in flight first) uploaded before, then the whole history, twice.
      expect(await store.importEntries(entries.slice(0, 601))).toEqual({ added: 600, alreadyThere: 0, inFlight: 1 })
      expect(await store.importEntries(entries)).toEqual({ added: 603, alreadyThere: 600, inFlight: 1 })
      expect(await store.importEntries(entries)).toEqual({ added: 0, alreadyThere: 1203, inFlight: 1 })
      const team = JSON.parse((await store.export({}, 'json', true)).content) as { entries: HistoryEntry[] }
      // Ids are the team's own, and entries of one millisecond may come in another order.
      const comparable = (list: HistoryEntry[]) =>
        list
          .map((entry) => ({ ...entry, id: 0 }))
          .sort((a, b) => a.createdAt - b.createdAt || a.phoneNumber.localeCompare(b.phoneNumber))
      expect(comparable(team.entries)).toEqual(comparable(entries.filter((entry) => entry.outcome !== 'sending')))
    } finally {
      local.dispose()
    }
  })

  it('indexes the operator, channel and phone filters, the phone search by trigrams of the counted numbers', async () => {
    const config = await teamDatabase()
    const indexes = await cluster.sql(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'genauth_sms' ORDER BY indexname",
      config.database,
    )
    const byName = new Map(
      indexes.rows.map((row: { indexname: string; indexdef: string }) => [row.indexname, row.indexdef]),
    )
    expect(byName.get('history_operator')).toContain('(operator, created_at DESC, id DESC) INCLUDE (outcome)')
    expect(byName.get('history_channel')).toContain('(channel, created_at DESC, id DESC) INCLUDE (outcome)')
    expect(byName.get('history_phone')).toContain('(phone_digits, created_at DESC, id DESC)')
    expect(byName.get('history_phone_counts_digits')).toMatch(/USING gin \(phone_digits genauth_sms\.gin_trgm_ops\)/)
    // A send no longer updates a trigram index of the whole history.
    expect(byName.has('history_phone_digits')).toBe(false)
  })

  it('refuses a send while the database is down, records nothing, never shows the password, and recovers', async () => {
    const config = await teamDatabase()
    const clock = new TestClock()
    const store = await openConsole(config, 'console-a', clock, 'pw-never-shown')
    await cluster.stopServer()
    let failure: unknown
    try {
      await store.begin(newEntry(), guarded)
    } catch (error) {
      failure = error
    } finally {
      await cluster.startServer()
    }
    expect(failure).toBeInstanceOf(TeamDatabaseError)
    expect((failure as TeamDatabaseError).problem).toBe('unreachable')
    expect(String(failure)).not.toContain('pw-never-shown')
    expect(await store.counts({})).toEqual({ counts: {}, total: 0 })
    await store.begin(newEntry(), guarded)
    expect(await store.counts({})).toEqual({ counts: { sending: 1 }, total: 1 })
  })
})
