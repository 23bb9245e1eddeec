import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CallError, ConsoleEvent, SendOutcome, TeamStatus } from '../../../src-main/shared/contract'
import { SANDBOX_APP_ID } from '../../../src-main/emulator/sandbox'
import { consoleIdOf } from '../../../src-main/team/console-id'
import type { TeamDatabaseConfig } from '../../../src-main/team/connection-config'
import { createTeamPool } from '../../../src-main/team/connect'
import { initTeamSchema } from '../../../src-main/team/schema'
import { openTeamHistory } from '../../../src-main/team/team-history-store'
import { newEntry } from '../history/history-fixtures'
import { openApp, type OpenApp } from '../open-app'
import { PostgresCluster, postgresMissing } from './postgres-cluster'

const missing = postgresMissing()
if (missing) console.warn(`Team send tests skipped: ${missing}`)

/** The sandbox emulator's reserved number that answers success after 3 s. */
const SLOW_NUMBER = '10000009001'
const PHONE = '13800138000'

describe.skipIf(missing)('sending with a team database', () => {
  let cluster: PostgresCluster
  let config: TeamDatabaseConfig
  let dataDir: string
  let services: OpenApp

  beforeAll(async () => {
    cluster = await PostgresCluster.start()
    config = await cluster.createDatabase('team_send')
    const pool = createTeamPool(config, null)
    await initTeamSchema(pool, null)
    await pool.end()
  }, 120_000)
  afterAll(() => cluster?.dispose())

  beforeEach(async () => {
    await cluster.sql('TRUNCATE genauth_sms.history', 'team_send')
    dataDir = mkdtempSync(join(tmpdir(), 'team-send-'))
    services = await openApp({ dataDir, mode: 'cli', env: {} })
  })
  afterEach(async () => {
    await services.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function call<T>(name: string, input: unknown): Promise<T> {
    const envelope = await services.dispatch(name as never, input as never)
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
    return envelope.value as T
  }
  async function refusal(name: string, input: unknown): Promise<CallError> {
    const envelope = await services.dispatch(name as never, input as never)
    if (envelope.ok) throw new Error(`${name} was not refused`)
    return envelope.error
  }
  const send = (phoneNumber: string) =>
    call<SendOutcome>('sms.send', { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN', phoneNumber })
  const teamRows = async () =>
    (
      await cluster.sql(
        'SELECT id::int AS id, outcome, operator, console_id, source_key FROM genauth_sms.history',
        'team_send',
      )
    ).rows
  const localEntries = () => services.history.query({ filter: {}, limit: 50 }).entries
  const wireRequests = () => services.emulator.running?.received().length ?? 0

  it('records in the database the settings name, and in the local history again once the setting is cleared', async () => {
    expect((await call<TeamStatus>('team.status', {})).source).toBe('off')
    await call('settings.update', { teamDatabase: config })
    const status = await call<TeamStatus>('team.status', {})
    expect(status).toMatchObject({ source: 'settings', state: 'connected', waitingUploads: 0 })

    expect((await send(PHONE)).result.kind).toBe('success')
    expect(await teamRows()).toEqual([
      expect.objectContaining({ operator: expect.any(String), console_id: consoleIdOf(dataDir) }),
    ])
    expect(localEntries()).toEqual([])
    const page = await call<{ entries: { phoneNumber: string }[] }>('history.query', { filter: {} })
    expect(page.entries).toHaveLength(1)

    // Switched back without a restart: the next send goes to this computer's history.
    await call('settings.update', { teamDatabase: null })
    expect((await send('13800138001')).result.kind).toBe('success')
    expect(localEntries()).toHaveLength(1)
    expect(await teamRows()).toHaveLength(1)
  })

  it("announces a team send's entry, which the team store does not do itself, and a change of database", async () => {
    const heard: ConsoleEvent[] = []
    const stop = services.events.subscribe((event) => heard.push(event))
    try {
      await call('settings.update', { teamDatabase: config })
      expect(heard.map((event) => event.name)).toEqual(['settings.changed', 'team.changed', 'history.changed'])
      heard.length = 0
      const { entryId } = await send(PHONE)
      // The change poll may announce the same send again, later, as a change made elsewhere.
      expect(heard.filter((event) => event.name !== 'history.changed' || event.change !== 'elsewhere')).toEqual([
        { name: 'history.changed', change: 'recorded', entryId },
        { name: 'history.changed', change: 'completed', entryId },
      ])
    } finally {
      stop()
    }
  })

  it("brings another console's sends to this one's windows, and stays quiet while nothing changes", async () => {
    await call('settings.update', { teamDatabase: config })
    await call('history.query', { filter: {}, limit: 10 })
    const other = await openTeamHistory({ config, password: null, clock: Date.now, consoleId: 'other-console' })
    const heard: ConsoleEvent[] = []
    const stop = services.events.subscribe((event) => heard.push(event))
    const elsewhere = () => heard.filter((event) => event.name === 'history.changed' && event.change === 'elsewhere')
    try {
      // Two polls at least (every 2 s), the first of which only marks where the counter stands.
      await new Promise((resolve) => setTimeout(resolve, 4500))
      await other.query({ filter: {}, limit: 10 })
      expect(elsewhere()).toEqual([])

      await other.begin(newEntry({ appId: SANDBOX_APP_ID, phoneNumber: PHONE }))
      await expect.poll(() => elsewhere().length, { timeout: 5000, interval: 100 }).toBe(1)
      expect(heard).toEqual([{ name: 'history.changed', change: 'elsewhere', entryId: null }])
      const page = await call<{ entries: { operator: string }[] }>('history.query', { filter: {}, limit: 10 })
      expect(page.entries).toHaveLength(1)
    } finally {
      stop()
      await other.close()
    }
  })

  it('lets the environment override the setting, and keeps the password out of the settings file', async () => {
    await call('settings.update', { teamDatabase: { ...config, database: 'not_this_one' } })
    await call('team.setPassword', { value: 'team-pw-in-keychain' })
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain('team-pw-in-keychain')
    await services.close()
    const url = `postgres://${config.user}@${config.host}:${config.port}/${config.database}`
    services = await openApp({ dataDir, mode: 'cli', env: { GENAUTH_SMS_TEAM_DATABASE_URL: url } })
    expect(await call<TeamStatus>('team.status', {})).toMatchObject({ source: 'env', state: 'connected' })
    await call('team.setPassword', { value: null })
  })

  it("counts another console's send in the cooldown, refuses to clear the team history", async () => {
    await call('settings.update', { teamDatabase: config })
    const other = await openTeamHistory({ config, password: null, clock: Date.now, consoleId: 'other-console' })
    try {
      const id = await other.begin(newEntry({ appId: SANDBOX_APP_ID, phoneNumber: PHONE }))
      const report = await call<{ channels: { channel: string; state: string }[] }>('cooldown.forPhone', {
        profileId: 'local-sandbox',
        phoneNumber: PHONE,
      })
      expect(report.channels.find((channel) => channel.channel === 'CHANNEL_LOGIN')?.state).toBe('sending')
      expect(
        await refusal('sms.send', { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN', phoneNumber: PHONE }),
      ).toMatchObject({ code: 'in-flight' })
      await other.complete(id, {
        kind: 'success',
        httpStatus: 200,
        statusCode: 200,
        apiCode: null,
        message: null,
        requestId: 'req-other',
        errorCode: null,
        latencyMs: 10,
        request: null,
        response: null,
      } as never)
      expect(
        await refusal('sms.send', { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN', phoneNumber: PHONE }),
      ).toMatchObject({ code: 'cooldown' })
      expect(wireRequests()).toBe(0)
    } finally {
      await other.close()
    }
    const clear = await refusal('history.clear', { confirm: true })
    expect(clear).toMatchObject({ code: 'conflict' })
    expect(clear.message).toContain('never deletes')
    expect(await teamRows()).toHaveLength(1)
  })

  it('refuses a send while the database is down: nothing sent, nothing recorded', async () => {
    await call('settings.update', { teamDatabase: config })
    await cluster.stopServer()
    try {
      const refused = await refusal('sms.send', {
        profileId: 'local-sandbox',
        channel: 'CHANNEL_LOGIN',
        phoneNumber: PHONE,
      })
      expect(refused.message).toContain('The team database is unreachable')
      expect(wireRequests()).toBe(0)
      expect(localEntries()).toEqual([])
    } finally {
      await cluster.startServer()
    }
    expect(await teamRows()).toEqual([])
  })

  it('keeps an answer that arrives while the database is down, and uploads it once when it is back', async () => {
    await call('settings.update', { teamDatabase: config })
    const sending = send(SLOW_NUMBER)
    // The slow answer takes 3 s: the database goes down while the request is out.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(await teamRows()).toEqual([expect.objectContaining({ outcome: 0 })])
    await cluster.stopServer()
    let outcome: SendOutcome
    try {
      outcome = await sending
      expect(outcome.result.kind).toBe('success')
      expect(outcome.recordFailure).toContain('kept on this computer')
      expect(localEntries()).toEqual([expect.objectContaining({ outcome: 'success', channel: 'CHANNEL_LOGIN' })])
      expect(services.team.queue.list()).toHaveLength(1)
      expect(await services.team.uploadWaiting()).toBe(0)
    } finally {
      await cluster.startServer()
    }
    expect(await services.team.uploadWaiting()).toBe(1)
    expect(await services.team.uploadWaiting()).toBe(0)
    const [row] = await teamRows()
    expect(row).toMatchObject({ id: outcome.entryId, source_key: expect.stringMatching(/^local:/) })
    const entry = await call<{ outcome: string; requestId: string }>('history.get', { id: outcome.entryId })
    expect(entry).toMatchObject({ outcome: 'success', requestId: outcome.result.requestId })
    expect((await call<TeamStatus>('team.status', {})).waitingUploads).toBe(0)

    // Importing the local history afterwards finds the uploaded answer there.
    const team = await openTeamHistory({ config, password: null, clock: Date.now, consoleId: 'importer' })
    try {
      expect(await team.importEntries(localEntries().map((e) => services.history.get(e.id, true)))).toEqual({
        added: 0,
        alreadyThere: 1,
        inFlight: 0,
      })
    } finally {
      await team.close()
    }
  }, 30_000)
})
