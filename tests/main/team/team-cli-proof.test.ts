import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import type { TeamDatabaseConfig } from '../../../src-main/team/connection-config'
import { createTeamPool } from '../../../src-main/team/connect'
import { initTeamSchema } from '../../../src-main/team/schema'
import { openTeamHistory } from '../../../src-main/team/team-history-store'
import { ensureBuilt, projectDir } from '../packaging/built-app'
import { PostgresCluster, postgresMissing } from './postgres-cluster'

const missing = postgresMissing()
if (missing) console.warn(`Team CLI proof skipped: ${missing}`)

const APP_ID = 'team-app'
const CONSOLES = 8
/** The emulator's reserved number that answers success after 3 s. */
const SLOW_NUMBER = '10000009001'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

describe.skipIf(missing)('team mode through the built command line', () => {
  let cluster: PostgresCluster
  let config: TeamDatabaseConfig
  let emulator: RunningEmulator
  const folders: string[] = []

  beforeAll(async () => {
    await ensureBuilt()
    cluster = await PostgresCluster.start()
    config = await cluster.createDatabase('team_cli')
    const pool = createTeamPool(config, null)
    await initTeamSchema(pool, null)
    await pool.end()
    emulator = await startEmulator({ appIds: [APP_ID] })
    folders.push(...['a', 'b'].map((name) => mkdtempSync(join(tmpdir(), `team-cli-${name}-`))))
  }, 180_000)
  afterAll(async () => {
    await emulator?.close()
    await cluster?.dispose()
    for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  })
  beforeEach(() => emulator.reset())

  /** `genauth-sms <args>` from the build, on one data folder, pointed at the team database. */
  function start(folder: string, args: string[]): { child: ChildProcess; finished: Promise<Run> } {
    const child = spawn(process.execPath, [join(projectDir, 'scripts/genauth-sms.cjs'), ...args], {
      cwd: projectDir,
      env: {
        ...process.env,
        LANG: 'en_US.UTF-8',
        GENAUTH_SMS_DATA_DIR: folder,
        GENAUTH_SMS_TEAM_DATABASE_URL: `postgres://${config.user}@${config.host}:${config.port}/${config.database}`,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    return { child, finished: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) }
  }
  const sendArgs = (phone: string, channel: string) => [
    'send',
    ...['--host', emulator.url, '--app-id', APP_ID, '--channel', channel, '--phone', phone],
    ...['--send-invalid', '--json'],
  ]
  const cli = (folder: string, args: string[]) => start(folder, args).finished
  const teamRows = async (phone: string) =>
    (
      await cluster.sql(
        `SELECT id::int AS id, outcome, console_id FROM genauth_sms.history WHERE phone_number = '${phone}'`,
        'team_cli',
      )
    ).rows
  async function requestArrived(): Promise<void> {
    for (let waited = 0; emulator.received().length === 0; waited += 50) {
      if (waited > 10_000) throw new Error('the request never reached the emulator')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it(`lets exactly one of ${CONSOLES} processes on two data folders put a request on the wire`, async () => {
    const runs = await Promise.all(
      Array.from({ length: CONSOLES }, (_, index) => cli(folders[index % 2]!, sendArgs('13800138000', 'login'))),
    )
    expect(emulator.received()).toHaveLength(1)
    expect(runs.map((run) => run.code).sort()).toEqual([0, ...Array(CONSOLES - 1).fill(4)])
    for (const run of runs.filter((run) => run.code === 4)) {
      expect(JSON.parse(run.stdout).error.code).toMatch(/^(in-flight|cooldown)$/)
    }
    expect(await teamRows('13800138000')).toEqual([expect.objectContaining({ outcome: 1 })])
  }, 60_000)

  it('shows a send whose console was killed as sending to the others, then as outcome unknown after its lease', async () => {
    const killed = start(folders[0]!, sendArgs(SLOW_NUMBER, 'login'))
    await requestArrived()
    killed.child.kill('SIGKILL')
    await killed.finished

    const cooldown = await cli(folders[1]!, ['cooldown', '--app-id', APP_ID, '--phone', SLOW_NUMBER, '--json'])
    const login = JSON.parse(cooldown.stdout).channels.find(
      (channel: { channel: string }) => channel.channel === 'CHANNEL_LOGIN',
    )
    expect(login.state).toBe('sending')
    const refused = await cli(folders[1]!, sendArgs(SLOW_NUMBER, 'login'))
    expect(refused.code).toBe(4)
    expect(JSON.parse(refused.stdout).error.code).toBe('in-flight')
    expect(emulator.received()).toHaveLength(1)

    // The lease (the 10 s timeout and a 30 s margin) is read by a console whose clock is past it.
    const later = await openTeamHistory({
      config,
      password: null,
      clock: () => Date.now() + 45_000,
      consoleId: 'a-console-later',
    })
    try {
      const page = await later.query({ filter: { phone: SLOW_NUMBER }, limit: 5 })
      expect(page.entries.map((entry) => entry.outcome)).toEqual(['unknown'])
    } finally {
      await later.close()
    }
  }, 60_000)

  it('refuses a send while the database is down: nothing reaches the emulator', async () => {
    await cluster.stopServer()
    try {
      const refused = await cli(folders[0]!, sendArgs('13800138002', 'login'))
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('The team database is unreachable')
      expect(emulator.received()).toHaveLength(0)
    } finally {
      await cluster.startServer()
    }
    expect(await teamRows('13800138002')).toEqual([])
  }, 60_000)

  it('brings the answer of a send whose database went down during the request to the team history once it is back', async () => {
    const sending = start(folders[0]!, sendArgs(SLOW_NUMBER, 'register'))
    await requestArrived()
    await cluster.stopServer()
    let waiting: Run
    try {
      const sent = await sending.finished
      expect(sent.code).toBe(0)
      expect(sent.stderr).toContain('kept on this computer')
      waiting = await cli(folders[0]!, ['team', 'status', '--json'])
    } finally {
      await cluster.startServer()
    }
    expect(waiting.code).toBe(1)
    expect(JSON.parse(waiting.stdout)).toMatchObject({ state: 'unreachable', waitingUploads: 1 })

    // Any start of the console offers the waiting answers again.
    const back = await cli(folders[0]!, ['team', 'status', '--json'])
    expect(JSON.parse(back.stdout)).toMatchObject({ state: 'connected', waitingUploads: 0 })
    const rows = await cluster.sql(
      `SELECT outcome FROM genauth_sms.history WHERE phone_number = '${SLOW_NUMBER}' AND channel = 2`,
      'team_cli',
    )
    expect(rows.rows).toEqual([{ outcome: 1 }])
  }, 60_000)
})
