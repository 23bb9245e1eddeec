import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { refuseBlockedSend } from '../../../src-main/history/async-history'
import { createTeamPool } from '../../../src-main/team/connect'
import { initTeamSchema } from '../../../src-main/team/schema'
import type { TeamDatabaseConfig } from '../../../src-main/team/connection-config'
import { openTeamHistory } from '../../../src-main/team/team-history-store'
import { newEntry } from '../history/history-fixtures'
import { PostgresCluster, postgresMissing } from './postgres-cluster'

const WORKER = join(__dirname, 'fixtures', 'begin-worker.ts')
const CONSOLES = 8
/** How long each racer's check holds the gap before its insert (see the worker). */
const HOLD_MS = 300

const missing = postgresMissing()
if (missing) console.warn(`Team race test skipped: ${missing}`)

interface Racer {
  child: ChildProcess
  lines: string[]
  next(): Promise<string>
}

/** A console in its own process, its stdout read line by line. */
function startRacer(config: TeamDatabaseConfig, consoleId: string): Racer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WORKER, JSON.stringify(config), consoleId, String(HOLD_MS)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  const lines: string[] = []
  const waiting: ((line: string) => void)[] = []
  let buffered = ''
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    let end: number
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end)
      buffered = buffered.slice(end + 1)
      const waiter = waiting.shift()
      if (waiter) waiter(line)
      else lines.push(line)
    }
  })
  return {
    child,
    lines,
    next: () =>
      new Promise((resolve, reject) => {
        const line = lines.shift()
        if (line !== undefined) return resolve(line)
        waiting.push(resolve)
        child.once('exit', (code) => reject(new Error(`${consoleId} exited (${code}): ${errors}`)))
      }),
  }
}

describe.skipIf(missing)('one request across consoles', () => {
  let cluster: PostgresCluster
  let config: TeamDatabaseConfig
  beforeAll(async () => {
    cluster = await PostgresCluster.start()
    config = cluster.config()
    const pool = createTeamPool(config, null)
    await initTeamSchema(pool, null)
    await pool.end()
  }, 120_000)
  afterAll(() => cluster?.dispose())
  beforeEach(() => cluster.sql('TRUNCATE genauth_sms.history'))

  it(`lets exactly one of ${CONSOLES} consoles on their own connections begin a send to one key`, async () => {
    const consoles = await Promise.all(
      Array.from({ length: CONSOLES }, (_, index) =>
        openTeamHistory({ config, password: null, clock: Date.now, consoleId: `console-${index + 1}` }),
      ),
    )
    try {
      // Every begin reads the key before any has written its entry: only the key's lock keeps them apart.
      const outcomes = await Promise.allSettled(
        consoles.map((store) => store.begin(newEntry(), { guard: (state) => refuseBlockedSend(state, false) })),
      )
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'in-flight' })
      }
      expect((await cluster.sql('SELECT id FROM genauth_sms.history')).rows).toHaveLength(1)
    } finally {
      await Promise.all(consoles.map((store) => store.close()))
    }
  })

  it(`lets exactly one of ${CONSOLES} consoles, each its own process and connection, begin a send to one key`, async () => {
    const racers = Array.from({ length: CONSOLES }, (_, index) => startRacer(config, `console-${index + 1}`))
    try {
      for (const racer of racers) expect(await racer.next()).toBe('ready')
      // All connected and waiting: released together, so the begins overlap.
      for (const racer of racers) racer.child.stdin!.write('go\n')
      const outcomes = await Promise.all(racers.map(async (racer) => JSON.parse(await racer.next())))
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
      expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.code)).toEqual(
        Array(CONSOLES - 1).fill('in-flight'),
      )
      const rows = await cluster.sql('SELECT outcome, console_id FROM genauth_sms.history')
      expect(rows.rows).toHaveLength(1)
      expect(rows.rows[0].outcome).toBe(0)
    } finally {
      for (const racer of racers) racer.child.kill()
    }
  }, 300_000)
})
