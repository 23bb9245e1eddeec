import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliErrorOutput } from '../../../src-main/cli/json-output'
import { SendOutcome, type ErrorCode } from '../../../src-main/shared/contract'
import {
  allEntries,
  cliInProcess,
  cliProcess,
  cliProcessWritingTo,
  freshDataDir,
  removeDataDir,
  startCli,
  withAppServices,
} from './cli-harness'

let dataDir: string
const send = ['send', '--channel', 'login', '--phone', '13800138001']
const entryCount = (): Promise<number> => withAppServices(dataDir, (services) => allEntries(services).length)

beforeAll(async () => {
  dataDir = freshDataDir()
  // One entry already there, so "nothing recorded" is a count that stays put rather than an empty table.
  expect((await cliInProcess(['send', '--channel', 'register', '--phone', '13800138000'], dataDir)).code).toBe(0)
})

afterAll(() => removeDataDir(dataDir))

const refusals: Array<[string, string[], RegExp, NodeJS.ProcessEnv?]> = [
  ['an unknown flag', [...send, '--bogus'], /unknown option '--bogus'/],
  [
    'an unknown channel',
    ['send', '--channel', 'nope', '--phone', '1'],
    /'--channel <channel>' argument 'nope' is invalid\. expected one of CHANNEL_LOGIN, /,
  ],
  ['a missing phone', ['send', '--channel', 'login'], /required option '--phone <number>' not specified/],
  [
    'an invalid phone',
    ['send', '--channel', 'login', '--phone', '12345'],
    /12345 is not a valid number for \+86\. Add --send-invalid to send it anyway\./,
  ],
  [
    'a country code inside the phone',
    ['send', '--channel', 'login', '--phone', '+8613800138000'],
    /put it in the country code field/,
  ],
  [
    'a bad country code',
    [...send, '--country', '86x'],
    /'--country <code>' argument '86x' is invalid\. expected \+ followed by a calling code/,
  ],
  [
    'a token as a flag',
    [...send, '--token', 'flag-secret-1'],
    /^genauth-sms: --token is refused: secrets are never taken from flags.*GENAUTH_ACCESS_TOKEN/,
  ],
  [
    'an access token as --flag=value',
    [...send, '--access-token=flag-secret-2'],
    /^genauth-sms: --access-token is refused/,
  ],
  ['an app secret as a flag', ['--app-secret', 'flag-secret-3', ...send], /^genauth-sms: --app-secret is refused/],
  [
    '--token-from-env without the variable',
    [...send, '--token-from-env'],
    /--token-from-env: GENAUTH_ACCESS_TOKEN is not set or is empty\./,
  ],
  [
    '--token-from-env with an empty variable',
    [...send, '--token-from-env'],
    /GENAUTH_ACCESS_TOKEN is not set or is empty/,
    { GENAUTH_ACCESS_TOKEN: '' },
  ],
  [
    '--host without --app-id',
    [...send, '--host', 'http://127.0.0.1:9'],
    /an ad-hoc send needs both --host and --app-id\./,
  ],
  ['--app-id without --host', [...send, '--app-id', 'x'], /an ad-hoc send needs both --host and --app-id\./],
  [
    '--profile with --host',
    [...send, '--profile', 'Local sandbox', '--host', 'http://127.0.0.1:9', '--app-id', 'x'],
    /drop --profile or --host/,
  ],
  ['--timeout-ms with a stored profile', [...send, '--timeout-ms', '2000'], /--timeout-ms applies to ad-hoc sends/],
  [
    'a timeout below one second',
    [...send, '--host', 'http://127.0.0.1:9', '--app-id', 'x', '--timeout-ms', '10'],
    /expected a whole number from 1000 to 120000/,
  ],
  [
    'a host with another scheme',
    [...send, '--host', 'ftp://example.com', '--app-id', 'x'],
    /--host: The application host must start with https:\/\//,
  ],
  [
    'plain http to another computer',
    [...send, '--host', 'http://example.com', '--app-id', 'x'],
    /--host: Plain http:\/\/ is only allowed for a server on this computer/,
  ],
  [
    'a production host without --yes',
    [...send, '--host', 'example.genauth.ai', '--app-id', 'x'],
    /ad-hoc https:\/\/example\.genauth\.ai is a production profile: confirm the send first\. Add --yes to confirm\./,
  ],
  ['an unknown profile', [...send, '--profile', 'nobody'], /--profile: no stored profile has the id or name "nobody"/],
  ['an extra argument', [...send, 'extra'], /too many arguments for 'send'/],
  ['a history limit of 0', ['history', '--limit', '0'], /expected a whole number from 1 to 500/],
  ['a date that is not ISO', ['history', '--from', 'yesterday'], /expected an ISO date/],
  ['a date not on the calendar', ['history', '--to', '2026-02-30'], /2026-02-30 is not a calendar date/],
  ['an unknown outcome', ['history', '--outcome', 'great'], /expected one of sending, success, /],
  ['a filter before "export"', ['history', '--phone', '1', 'export', '--format', 'csv'], /--phone goes after "export"/],
  ['an export without a format', ['history', 'export'], /required option '--format <format>' not specified/],
  ['an unknown export format', ['history', 'export', '--format', 'xml'], /Allowed choices are csv, json/],
  ['a cooldown without a phone', ['cooldown'], /required option '--phone <number>'/],
  [
    'a cooldown with a profile and an App ID',
    ['cooldown', '--phone', '13800138000', '--profile', 'x', '--app-id', 'y'],
    /give --profile or --app-id, not both/,
  ],
  ['a code that is not a number', ['explain', 'abc'], /expected a numeric code/],
  ['explain without a code', ['explain'], /missing required argument 'code'/],
  [
    'an emulator port that is not a number',
    ['emulator', '--port', 'seventy'],
    /'--port <n>' argument 'seventy' is invalid/,
  ],
  ['an unknown command', ['nope'], /unknown command 'nope'/],
  ['an app secret in camel case', [...send, '--appSecret=flag-secret-5'], /^genauth-sms: --appSecret is refused/],
  ['an API key as a flag', [...send, '--api_key', 'flag-secret-6'], /^genauth-sms: --api_key is refused/],
  [
    'a channel given twice',
    ['send', '--channel', 'login', '--channel', 'register', '--phone', '13800138001'],
    /--channel is given more than once: give it once\./,
  ],
  [
    'a phone given twice, once as --flag=value',
    [...send, '--phone=13800138002'],
    /--phone is given more than once: give it once\./,
  ],
  ['a history limit given twice', ['history', '--limit', '5', '--limit', '6'], /--limit is given more than once/],
  [
    'an export format given twice',
    ['history', 'export', '--format', 'csv', '--format', 'json'],
    /--format is given more than once/,
  ],
]

describe('bad usage exits 64 with a one-line reason on stderr and records nothing', () => {
  it.each(refusals)('%s', async (_what, args, reason, env) => {
    const run = await cliInProcess(args, dataDir, env)
    expect(run.code).toBe(64)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(reason)
    expect(run.stderr).toMatch(/^genauth-sms: [^\n]+\n$/)
    expect(run.stderr).not.toContain('flag-secret')
    expect(await entryCount()).toBe(1)
  })

  it('prints the usage on stderr and exits 64 when no command is given', async () => {
    for (const args of [[], ['profiles']]) {
      const run = await cliInProcess(args, dataDir)
      expect(run.code).toBe(64)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/^Usage: genauth-sms/)
    }
  })

  it('does the same as a real process: the exit code reaches the shell', async () => {
    const [secret, unknown] = await Promise.all([
      cliProcess([...send, '--secret', 'flag-secret-4'], dataDir),
      cliProcess([...send, '--bogus'], dataDir),
    ])
    expect(secret.code).toBe(64)
    expect(secret.stderr).toMatch(/^genauth-sms: --secret is refused: secrets are never taken from flags/)
    expect(secret.stderr).not.toContain('flag-secret')
    expect(unknown).toMatchObject({ code: 64, stdout: '' })
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/)
    expect(await entryCount()).toBe(1)
  })
})

describe('--json refusals print one JSON error on stdout as well as the line on stderr', () => {
  const jsonRefusals: Array<[string, string[], number, ErrorCode, NodeJS.ProcessEnv?]> = [
    ['an unknown flag', [...send, '--bogus', '--json'], 64, 'invalid-input'],
    ['a secret flag', [...send, '--json', '--appSecret=flag-secret-7'], 64, 'invalid-input'],
    ['a flag given twice', [...send, '--json', '--channel', 'register'], 64, 'invalid-input'],
    ['an invalid phone', ['send', '--channel', 'login', '--phone', '12345', '--json'], 64, 'invalid-phone'],
    ['an unknown profile', [...send, '--profile', 'nobody', '--json'], 64, 'invalid-input'],
    ['a cooling channel', ['send', '--channel', 'register', '--phone', '13800138000', '--json'], 4, 'cooldown'],
    ['an unusable data folder', ['history', '--json'], 1, 'internal', { GENAUTH_SMS_DATA_DIR: __filename }],
  ]

  it.each(jsonRefusals)('%s', async (_what, args, exitCode, code, env) => {
    const run = await cliInProcess(args, dataDir, env)
    expect(run.code).toBe(exitCode)
    const printed = CliErrorOutput.strict().parse(JSON.parse(run.stdout))
    expect(printed.error.code).toBe(code)
    expect(run.stderr).toBe(`genauth-sms: ${printed.error.message}\n`)
    expect(run.stdout).not.toContain('flag-secret')
    expect(await entryCount()).toBe(1)
  })

  it('prints nothing on stdout for the same refusals without --json', async () => {
    const run = await cliInProcess(['send', '--channel', 'register', '--phone', '13800138000'], dataDir)
    expect(run).toMatchObject({ code: 4, stdout: '' })
  })
})

describe('a stdout that cannot be written', () => {
  it('says so in one line on stderr and exits 1, without a stack trace', async () => {
    const run = await cliProcessWritingTo('/dev/full', ['channels'], dataDir)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('genauth-sms: cannot write the output: ENOSPC: no space left on device, write\n')
  })

  it('stays quiet when the reader has gone (EPIPE, like `| head -1`), keeping the exit code of the command', async () => {
    const cli = startCli(['channels'], dataDir)
    // Closed long before the process has started and written anything.
    cli.child.stdout.destroy()
    const run = await cli.finished
    expect(run).toMatchObject({ code: 0, stderr: '' })
  })

  it('keeps the exit code of a refusal whose JSON error cannot be written', async () => {
    const run = await cliProcessWritingTo('/dev/full', [...send, '--bogus', '--json'], dataDir)
    expect(run.code).toBe(64)
    expect(run.stderr.split('\n')).toEqual([
      "genauth-sms: unknown option '--bogus'",
      'genauth-sms: cannot write the output: ENOSPC: no space left on device, write',
      '',
    ])
  })
})

describe('overrides', () => {
  it('--send-invalid sends a number the console calls invalid, and the entry says so', async () => {
    const run = await cliInProcess(
      ['send', '--channel', 'login', '--phone', '12345', '--send-invalid', '--json'],
      dataDir,
    )
    // The emulator validates like a server would: the send happens and is refused there.
    expect(run.code).toBe(2)
    const outcome = SendOutcome.parse(JSON.parse(run.stdout))
    expect(outcome.result).toMatchObject({ kind: 'business-failure', statusCode: 400, apiCode: 99006 })
    await withAppServices(dataDir, (services) => {
      expect(services.history.get(outcome.entryId, true)).toMatchObject({
        phoneNumber: '12345',
        validationOverride: true,
      })
    })
  })
})

describe('--help', () => {
  it.each([
    ['send'],
    ['history'],
    ['history', 'export'],
    ['profiles'],
    ['profiles', 'list'],
    ['cooldown'],
    ['emulator'],
    ['channels'],
    ['explain'],
  ])('%s %s prints its usage on stdout and exits 0', async (...command) => {
    const args = command.filter((word): word is string => typeof word === 'string')
    const run = await cliInProcess([...args, '--help'], dataDir)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toMatch(new RegExp(`^Usage: genauth-sms ${args.join(' ')} `))
  })

  it('the top-level help lists the exit codes and the environment variables', async () => {
    const run = await cliInProcess(['--help'], dataDir)
    expect(run.code).toBe(0)
    for (const line of [
      /^ {2}2 {3}the send was answered/m,
      /^ {2}64 {2}bad usage/m,
      /GENAUTH_SMS_DATA_DIR/,
      /GENAUTH_ACCESS_TOKEN/,
    ]) {
      expect(run.stdout).toMatch(line)
    }
  })
})
