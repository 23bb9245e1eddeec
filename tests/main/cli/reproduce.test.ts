import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { HistoryEntry, SendOutcome } from '../../../src-main/shared/contract'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import { allEntries, cliInProcess, freshDataDir, removeDataDir, withAppServices } from './cli-harness'

const run = promisify(execFile)
const TOKEN = 'user-token-curl-7d2a'
let dataDir: string
let emulator: RunningEmulator
/** The authorization header of each request as it arrived (the emulator's own log redacts it). */
const tokensOnTheWire: Array<string | undefined> = []

beforeAll(async () => {
  // The emulator's own cooldown is off: what is checked is that the console starts none.
  emulator = await startEmulator({
    port: 0,
    appIds: ['cli-app'],
    cooldownMs: 0,
    onRequest: (request) => tokensOnTheWire.push(request.headers.authorization),
  })
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(() => {
  dataDir = freshDataDir()
  emulator.reset()
})
afterEach(() => removeDataDir(dataDir))

const adHoc = () => ['--host', emulator.url, '--app-id', 'cli-app']

/** Runs a printed command in a POSIX shell (Debian's curl), as a developer pasting it would. */
async function inShell(command: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { stdout } = await run('sh', ['-c', command], { env: { PATH: process.env.PATH, ...env } })
  return JSON.parse(stdout) as Record<string, unknown>
}

const entries = () => withAppServices(dataDir, (services) => allEntries(services))

describe('send --as-curl', () => {
  it('prints the request without sending, recording or starting a cooldown, and the command works', async () => {
    const args = ['send', ...adHoc(), '--channel', 'login', '--phone', '13800138000', '--token-from-env']
    const printed = await cliInProcess([...args, '--headers', 'genauth', '--as-curl'], dataDir, {
      GENAUTH_ACCESS_TOKEN: TOKEN,
    })

    expect(printed.code).toBe(0)
    expect(printed.stdout).toMatch(/^curl -sS -X POST '/)
    expect(printed.stdout).not.toContain(TOKEN)
    expect(emulator.received()).toHaveLength(0)
    expect(await entries()).toHaveLength(0)

    const answer = await inShell(printed.stdout, { GENAUTH_ACCESS_TOKEN: TOKEN })
    const [replayed] = emulator.received()
    expect(answer).toMatchObject({ statusCode: 200 })
    expect(replayed?.appIdHeader).toBe('x-genauth-app-id')
    expect(tokensOnTheWire.at(-1)).toBe(TOKEN)
    expect(Object.keys(replayed?.headers ?? {}).filter((name) => name.startsWith('x-authing-'))).toEqual([])

    // No cooldown was started: the real send goes through at once.
    const sent = await cliInProcess([...args, '--json'], dataDir, { GENAUTH_ACCESS_TOKEN: TOKEN })
    expect(sent.code).toBe(0)
    expect(await entries()).toHaveLength(1)
  })

  it('refuses --headers without --host, and --as-curl with --json', async () => {
    const headers = await cliInProcess(
      ['send', '--channel', 'login', '--phone', '13800138000', '--headers', 'authing'],
      dataDir,
    )
    expect(headers.code).toBe(64)
    expect(headers.stderr).toContain('--headers applies to ad-hoc sends')
    const json = await cliInProcess(
      ['send', ...adHoc(), '--channel', 'login', '--phone', '13800138000', '--as-curl', '--json'],
      dataDir,
    )
    expect(json.code).toBe(64)
  })
})

describe('history show', () => {
  it('prints a recorded entry as JSON, as text, and as a curl command that gets the same answer', async () => {
    const sent = await cliInProcess(
      ['send', ...adHoc(), '--channel', 'reset_password', '--phone', '10000000404', '--json'],
      dataDir,
    )
    const outcome = SendOutcome.parse(JSON.parse(sent.stdout))
    expect(outcome.result).toMatchObject({ statusCode: 404, apiCode: 2004 })

    const json = await cliInProcess(['history', 'show', String(outcome.entryId), '--json'], dataDir)
    expect(HistoryEntry.parse(JSON.parse(json.stdout))).toMatchObject({ id: outcome.entryId, apiCode: 2004 })

    const text = await cliInProcess(['history', 'show', String(outcome.entryId)], dataDir)
    expect(text.stdout).toMatch(/^apiCode +2004$/m)
    expect(text.stdout).toContain(`POST ${emulator.url}/api/v3/send-sms`)

    const curl = await cliInProcess(['history', 'show', String(outcome.entryId), '--as-curl'], dataDir)
    expect(curl.code).toBe(0)
    const answer = await inShell(curl.stdout)
    const { result } = outcome
    expect({ statusCode: answer.statusCode, message: answer.message, apiCode: answer.apiCode }).toEqual({
      statusCode: result.statusCode,
      message: result.message,
      apiCode: result.apiCode,
    })
    expect(await entries()).toHaveLength(1)
  })

  it('says so for an entry that does not exist', async () => {
    const missing = await cliInProcess(['history', 'show', '999', '--as-curl'], dataDir)
    expect(missing.code).not.toBe(0)
    expect(missing.stdout).toBe('')
  })
})
