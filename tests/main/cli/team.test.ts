import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHistory } from '../../../src-main/history'
import { TEAM_SCHEMA_VERSION } from '../../../src-main/team/migrations'
import { openTeamHistory } from '../../../src-main/team/team-history-store'
import { newEntry, record, TestClock, T0 } from '../history/history-fixtures'
import { PostgresCluster, postgresMissing } from '../team/postgres-cluster'
import { cliInProcess, freshDataDir, removeDataDir } from './cli-harness'

const missing = postgresMissing()
if (missing) console.warn(`CLI team commands skipped: ${missing}`)

const PASSWORD = 'cli-pw-never-printed'

describe.skipIf(missing)('team commands', () => {
  let cluster: PostgresCluster
  let dataDir: string
  let env: NodeJS.ProcessEnv
  beforeAll(async () => {
    cluster = await PostgresCluster.start()
    await cluster.sql('CREATE DATABASE support')
    await cluster.sql('CREATE ROLE sms_cli_console LOGIN')
    dataDir = freshDataDir()
    env = {
      GENAUTH_SMS_TEAM_DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${cluster.port}/support`,
    }
  }, 120_000)
  afterAll(async () => {
    await cluster?.dispose()
    if (dataDir) removeDataDir(dataDir)
  })

  it('says how to configure a team database when none is', async () => {
    const run = await cliInProcess(['team', 'status'], dataDir)
    expect(run.code).toBe(64)
    expect(run.stderr).toContain('GENAUTH_SMS_TEAM_DATABASE_URL')
  })

  it('reports a missing schema, creates it with init, then reports the database connected', async () => {
    const before = await cliInProcess(['team', 'status', '--json'], dataDir, env)
    expect(before.code).toBe(1)
    expect(JSON.parse(before.stdout)).toMatchObject({
      connection: `postgres://postgres@127.0.0.1:${cluster.port}/support?sslmode=disable`,
      state: 'schema-missing',
      schemaVersion: null,
      neededVersion: TEAM_SCHEMA_VERSION,
    })

    const init = await cliInProcess(['team', 'init', '--grant-to', 'sms_cli_console'], dataDir, env)
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    expect(init.stdout).toContain(`team schema version ${TEAM_SCHEMA_VERSION} (was 0)`)

    const after = await cliInProcess(['team', 'status'], dataDir, env)
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/state +connected/)
    expect(after.stdout).toMatch(/entries +0/)
    for (const run of [before, init, after]) expect(run.stdout + run.stderr).not.toContain(PASSWORD)
  })

  it('uploads the finished local history once, however often it is imported', async () => {
    const clock = new TestClock()
    const local = openHistory(join(dataDir, 'history.db'), { clock: clock.read })
    try {
      record(local, clock, T0, newEntry({ phoneNumber: '13800000001', note: 'ticket 1' }))
      record(local, clock, T0 + 1000, newEntry({ phoneNumber: '13800000002' }), {
        kind: 'business-failure',
        statusCode: 429,
      })
      // A send of this process, still in flight now: not uploaded until it has finished.
      clock.now = Date.now()
      local.begin(newEntry({ phoneNumber: '13800000003' }))
    } finally {
      local.close()
    }
    const first = await cliInProcess(['team', 'import', '--json'], dataDir, env)
    expect(first.stderr).toBe('')
    expect(JSON.parse(first.stdout)).toEqual({ added: 2, alreadyThere: 0, inFlight: 1 })
    const second = await cliInProcess(['team', 'import'], dataDir, env)
    expect(second.stdout).toBe('0 added, 2 already in the team history, 1 still sending (import again later).\n')

    const team = await openTeamHistory({
      config: { ...cluster.config('support'), user: 'sms_cli_console' },
      password: null,
      clock: Date.now,
      consoleId: 'checker',
    })
    try {
      const page = await team.query({ filter: {}, limit: 10 })
      expect(page.counts).toEqual({ success: 1, 'business-failure': 1 })
      const uploaded = await team.get(page.entries[1]!.id, true)
      expect(uploaded).toMatchObject({ phoneNumber: '13800000001', note: 'ticket 1', outcome: 'success' })
      expect(uploaded.requestId).toMatch(/^req-/)
      // The upload counts toward the team's cooldown like a send made there.
      expect(
        await team.cooldownEvents({ appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13800000002' }, 0),
      ).toEqual([{ channel: 'CHANNEL_LOGIN', at: T0 + 1000, reason: 'throttled', outcome: 'business-failure' }])
    } finally {
      await team.close()
    }
  })

  it('uses the team database in the settings when the environment names none, and counts waiting uploads', async () => {
    const settingsDir = freshDataDir()
    try {
      const teamDatabase = cluster.config('support')
      writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ teamDatabase }))
      const run = await cliInProcess(['team', 'status', '--json'], settingsDir)
      expect(run.stderr).toBe('')
      expect(JSON.parse(run.stdout)).toMatchObject({ source: 'settings', state: 'connected', waitingUploads: 0 })
      const text = await cliInProcess(['team', 'status'], settingsDir)
      expect(text.stdout).toMatch(/^waiting +0 result\(s\) to upload$/m)
    } finally {
      removeDataDir(settingsDir)
    }
  })

  it('reports an unreachable database without the password', async () => {
    await cluster.stopServer()
    try {
      const run = await cliInProcess(['team', 'status', '--json'], dataDir, env)
      expect(run.code).toBe(1)
      expect(JSON.parse(run.stdout)).toMatchObject({ state: 'unreachable' })
      expect(run.stdout + run.stderr).not.toContain(PASSWORD)
    } finally {
      await cluster.startServer()
    }
  })
})
