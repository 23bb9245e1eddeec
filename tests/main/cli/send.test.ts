import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { HistoryPage, SendOutcome } from '../../../src-main/shared/contract'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import {
  allEntries,
  cliProcess,
  freshDataDir,
  removeDataDir,
  startCli,
  withAppServices,
  type CliProcess,
} from './cli-harness'

let dataDir: string
const running: CliProcess[] = []

beforeEach(() => {
  dataDir = freshDataDir()
})

afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL')
  removeDataDir(dataDir)
})

const entryCount = (): Promise<number> => withAppServices(dataDir, (services) => allEntries(services).length)

describe('send through the built-in sandbox profile (the embedded emulator)', () => {
  it('sends, records the entry in the app history, refuses a second send within the cooldown, and --force overrides', async () => {
    const first = await cliProcess(
      ['send', '--channel', 'login', '--phone', '138 0013 8000', '--country', '+86', '--note', 'TICKET-7', '--json'],
      dataDir,
    )
    expect(first).toMatchObject({ code: 0, stderr: '' })
    const outcome = SendOutcome.parse(JSON.parse(first.stdout))
    expect(outcome.result).toMatchObject({ kind: 'success', statusCode: 200 })

    // What the app shows: the same data folder opened the way the desktop app opens it.
    await withAppServices(dataDir, async (services) => {
      const page = await services.dispatch('history.query', { filter: {} })
      expect(page.ok).toBe(true)
      const entries = HistoryPage.parse(page.ok ? page.value : null).entries
      expect(entries).toHaveLength(1)
      expect(entries[0]).toMatchObject({
        id: outcome.entryId,
        profileId: 'local-sandbox',
        channel: 'CHANNEL_LOGIN',
        phoneCountryCode: '+86',
        phoneNumber: '138****8000',
        note: 'TICKET-7',
        outcome: 'success',
        requestId: outcome.result.requestId,
        cooldownOverride: false,
      })
    })

    const refused = await cliProcess(
      ['send', '--channel', 'CHANNEL_LOGIN', '--phone', '13800138000', '--country', '+86'],
      dataDir,
    )
    expect(refused.code).toBe(4)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(
      /^genauth-sms: GenAuth allows one SMS per number and channel per minute: \d+ s left.*--force/,
    )
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(await entryCount()).toBe(1)

    // Another channel of the same phone is free.
    const otherChannel = await cliProcess(
      ['send', '--channel', 'register', '--phone', '13800138000', '--country', '+86'],
      dataDir,
    )
    expect(otherChannel.code).toBe(0)
    expect(otherChannel.stdout).toMatch(/^outcome +success$/m)

    const forced = await cliProcess(
      ['send', '--channel', 'login', '--phone', '13800138000', '--country', '+86', '--force', '--json'],
      dataDir,
    )
    expect(forced.code).toBe(0)
    const forcedOutcome = SendOutcome.parse(JSON.parse(forced.stdout))
    await withAppServices(dataDir, (services) => {
      expect(services.history.get(forcedOutcome.entryId, false).cooldownOverride).toBe(true)
      expect(allEntries(services)).toHaveLength(3)
    })
  })

  it('exits 2 on a business failure and 3 on an HTTP failure, with the outcome on stdout and one line on stderr', async () => {
    const [business, gateway] = await Promise.all([
      cliProcess(['send', '--channel', 'login', '--phone', '10000000404', '--json'], dataDir),
      cliProcess(['send', '--channel', 'register', '--phone', '10000009004'], dataDir),
    ])
    expect(business.code).toBe(2)
    expect(SendOutcome.parse(JSON.parse(business.stdout)).result).toMatchObject({
      kind: 'business-failure',
      statusCode: 404,
      apiCode: 2004,
    })
    expect(business.stderr).toBe(
      'genauth-sms: send failed: statusCode 404 NotFoundError, apiCode 2004 User not found: User does not exist\n',
    )

    expect(gateway.code).toBe(3)
    expect(gateway.stdout).toMatch(/^outcome +http-failure$/m)
    expect(gateway.stdout).toMatch(/^HTTP status +502$/m)
    expect(gateway.stderr).toBe('genauth-sms: send failed (http-failure): HTTP 502 Bad Gateway\n')

    await withAppServices(dataDir, (services) => {
      expect(
        allEntries(services)
          .map((entry) => entry.outcome)
          .sort(),
      ).toEqual(['business-failure', 'http-failure'])
    })
  })

  it('exits 3 on a timeout, and a send to the same channel meanwhile from another process exits 4', async () => {
    await withAppServices(dataDir, (services) =>
      services.profiles.update('local-sandbox', {
        name: 'Local sandbox',
        environment: 'sandbox',
        appHost: 'embedded-emulator',
        appId: 'local-sandbox-app',
        timeoutMs: 4000,
      }),
    )
    const holding = startCli(['send', '--channel', 'login', '--phone', '10000009002'], dataDir)
    running.push(holding)
    await waitFor(
      async () => (await withAppServices(dataDir, (services) => allEntries(services)))[0]?.outcome === 'sending',
    )

    const meanwhile = await cliProcess(['send', '--channel', 'login', '--phone', '10000009002', '--force'], dataDir)
    expect(meanwhile.code).toBe(4)
    expect(meanwhile.stderr).toBe('genauth-sms: A send to this number on this channel is already in progress.\n')

    const held = await holding.finished
    expect(held.code).toBe(3)
    expect(held.stdout).toMatch(/^error +TIMEOUT: No complete answer within 4000 ms\.$/m)
    await withAppServices(dataDir, (services) => {
      expect(allEntries(services).map((entry) => entry.outcome)).toEqual(['timeout'])
    })
  })
})

describe('ad-hoc sends (--host and --app-id) against a standalone emulator', () => {
  let emulator: RunningEmulator
  // The emulator's own log redacts tokens; the raw header is seen only in process, as it arrives.
  let authorizationsOnTheWire: string[] = []

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      appIds: ['cli-app'],
      cooldownMs: 0,
      onRequest: (received) => authorizationsOnTheWire.push(received.headers.authorization ?? ''),
    })
  })

  afterAll(async () => {
    await emulator.close()
  })

  beforeEach(() => {
    emulator.reset()
    authorizationsOnTheWire = []
  })

  it('sends with the token from GENAUTH_ACCESS_TOKEN, records an "ad-hoc" entry, and honours the cooldown', async () => {
    const token = 'user-token-4f1c9e'
    const sent = await cliProcess(
      [
        'send',
        '--host',
        emulator.url,
        '--app-id',
        'cli-app',
        '--channel',
        'bind_phone',
        '--phone',
        '13800138000',
        '--token-from-env',
        '--json',
      ],
      dataDir,
      { GENAUTH_ACCESS_TOKEN: token },
    )
    expect(sent.code).toBe(0)
    const outcome = SendOutcome.parse(JSON.parse(sent.stdout))
    expect(outcome.result.request.headers.authorization).toBe('[redacted]')
    const [received] = emulator.received()
    expect(authorizationsOnTheWire).toEqual([token])
    expect(received?.headers.authorization).toBe('[redacted]')
    expect(received?.headers['x-authing-app-id']).toBe('cli-app')
    expect(JSON.parse(received?.body ?? '')).toEqual({ channel: 'CHANNEL_BIND_PHONE', phoneNumber: '13800138000' })

    await withAppServices(dataDir, (services) => {
      expect(allEntries(services)).toMatchObject([
        {
          profileId: 'ad-hoc',
          profileName: `ad-hoc ${emulator.url}`,
          environment: 'sandbox',
          appId: 'cli-app',
          outcome: 'success',
        },
      ])
    })
    expect(readFileSync(join(dataDir, 'history.db')).includes(token)).toBe(false)

    // The emulator's own cooldown is off here: the refusal comes from the console's history.
    const again = await cliProcess(
      ['send', '--host', emulator.url, '--app-id', 'cli-app', '--channel', 'bind_phone', '--phone', '13800138000'],
      dataDir,
      { GENAUTH_ACCESS_TOKEN: token },
    )
    expect(again.code).toBe(4)
    expect(again.stderr).toContain('s left on this channel')
    expect(again.stderr).toContain('GENAUTH_ACCESS_TOKEN is set but not sent')
    expect(emulator.received()).toHaveLength(1)

    const cooldown = await cliProcess(['cooldown', '--app-id', 'cli-app', '--phone', '13800138000', '--json'], dataDir)
    expect(cooldown.code).toBe(0)
    const report = JSON.parse(cooldown.stdout) as { channels: Array<{ channel: string; state: string }> }
    expect(report.channels.find((channel) => channel.channel === 'CHANNEL_BIND_PHONE')?.state).toBe('cooling')
  })

  it('exits 2 for a reserved number on a loopback host and 3 for a refused port, recording both', async () => {
    const [forbidden, refused] = await Promise.all([
      cliProcess(
        ['send', '--host', emulator.url, '--app-id', 'cli-app', '--channel', 'login', '--phone', '10000000403'],
        dataDir,
      ),
      cliProcess(
        [
          'send',
          '--host',
          'http://127.0.0.1:1',
          '--app-id',
          'cli-app',
          '--channel',
          'login',
          '--phone',
          '13800138000',
          '--timeout-ms',
          '1000',
          '--json',
        ],
        dataDir,
      ),
    ])
    expect(forbidden.code).toBe(2)
    expect(forbidden.stdout).toMatch(/^statusCode +403 ForbiddenError$/m)
    expect(refused.code).toBe(3)
    expect(SendOutcome.parse(JSON.parse(refused.stdout)).result).toMatchObject({
      kind: 'network-failure',
      errorCode: 'ECONNREFUSED',
    })
    await withAppServices(dataDir, (services) => {
      const entries = allEntries(services)
      expect(entries.map((entry) => entry.outcome).sort()).toEqual(['business-failure', 'network-failure'])
      expect(entries.every((entry) => entry.profileId === 'ad-hoc' && !entry.validationOverride)).toBe(true)
    })
  })

  it('refuses a production profile without --yes, records nothing, and sends with it', async () => {
    await withAppServices(dataDir, (services) =>
      services.profiles.create({ name: 'Prod', environment: 'production', appHost: emulator.url, appId: 'cli-app' }),
    )
    const unconfirmed = await cliProcess(
      ['send', '--profile', 'prod', '--channel', 'login', '--phone', '13800138000'],
      dataDir,
    )
    expect(unconfirmed.code).toBe(64)
    expect(unconfirmed.stderr).toBe(
      'genauth-sms: Prod is a production profile: confirm the send first. Add --yes to confirm.\n',
    )
    expect(emulator.received()).toHaveLength(0)
    expect(await entryCount()).toBe(0)

    const confirmed = await cliProcess(
      ['send', '--profile', 'Prod', '--channel', 'login', '--phone', '13800138000', '--yes'],
      dataDir,
    )
    expect(confirmed.code).toBe(0)
    expect(emulator.received()).toHaveLength(1)
    await withAppServices(dataDir, (services) => {
      expect(allEntries(services)).toMatchObject([{ profileName: 'Prod', environment: 'production' }])
    })
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
