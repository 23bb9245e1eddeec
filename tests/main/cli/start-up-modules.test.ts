import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, projectDir } from '../packaging/built-app'

const run = promisify(execFile)
const reporter = join(__dirname, 'fixtures', 'report-modules.cjs')
const cli = join(projectDir, 'out', 'main', 'cli.js')

let dataDir: string

/** What the built command line loads for one command on a fresh data folder. */
async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const report = join(dataDir, `modules-${args[0]}.txt`)
  await run(process.execPath, ['-r', reporter, cli, ...args], {
    env: {
      ...process.env,
      GENAUTH_SMS_DATA_DIR: dataDir,
      GENAUTH_SMS_TEAM_DATABASE_URL: '',
      REPORT_MODULES_TO: report,
    },
  })
  return readFileSync(report, 'utf8').split('\n')
}

// A read-only command pays only for what its work touches: each of these costs a command milliseconds
// to tens of milliseconds of start-up (bench/cli-startup.mjs), and one stray import brings it back.
// Node's HTTP stack is for sending, which a read-only command never does. libsql's own platform probe
// builds a whole diagnostic report (6 to 9 ms) to tell glibc from musl, which the build answers without.
const NOT_FOR_READING = [
  'pg',
  'electron-log',
  'proper-lockfile',
  'node:http',
  'node:https',
  'node:tls',
  'process-report',
]

describe('the built command line loads what a read-only command needs, and no more', () => {
  beforeAll(async () => {
    await ensureBuilt()
    dataDir = mkdtempSync(join(tmpdir(), 'cli-modules-'))
  }, 180_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it.each([
    ['history', ['history', '--limit', '20']],
    ['cooldown', ['cooldown', '--phone', '13800138000', '--country', '+86', '--app-id', 'modules-app']],
  ])(
    '%s opens the history without the team database driver, the logger, file locks, HTTP or a report',
    async (_, args) => {
      const loaded = await modulesLoadedBy(args)
      // The report works: the history's engine (libsql, bundled, and its native part) is there.
      expect(loaded.some((name) => name.startsWith('@libsql/'))).toBe(true)
      expect(loaded.filter((name) => NOT_FOR_READING.includes(name))).toEqual([])
    },
  )

  // Checking a country code, or a number typed without separators, needs no phone metadata (150 KB to
  // parse); a number with separators does, to key its cooldown as a send would.
  it.each([
    ['history', ['history', '--limit', '20', '--channel', 'login'], false],
    ['cooldown', ['cooldown', '--phone', '13800138000', '--country', '+86', '--app-id', 'modules-app'], false],
    ['cooldown, separators', ['cooldown', '--phone', '138 0013 8000', '--app-id', 'modules-app'], true],
  ])('%s loads the phone metadata: %s', async (_, args, needed) => {
    const loaded = await modulesLoadedBy(args)
    expect(loaded.includes('phone-metadata')).toBe(needed)
  })
})
