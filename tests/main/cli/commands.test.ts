import { existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChannelList,
  CliErrorOutput,
  EmulatorListening,
  ExplainOutput,
  ExportWritten,
} from '../../../src-main/cli/json-output'
import { calls, CooldownReport, HistoryPage, ProfileList, SMS_CHANNELS } from '../../../src-main/shared/contract'
import { openApp } from '../open-app'
import { cliInProcess, cliProcess, freshDataDir, removeDataDir, startCli } from './cli-harness'

let dataDir: string
/** Local times, as `--from` and `--to` read a date alone; recent, or the 90-day retention would remove them. */
const today = new Date()
const localTime = (daysAgo: number, hour: number): Date =>
  new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, hour, 0, 0)
const day = (at: Date): string =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`
const firstSendAt = localTime(3, 12).getTime()
const secondSendAt = localTime(1, 9).getTime()

/** Two sends made by the app's services at fixed times, for the CLI to find. */
async function seedHistory(): Promise<void> {
  for (const [at, input] of [
    [firstSendAt, { channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000', phoneCountryCode: '+86', note: 'seed-1' }],
    [secondSendAt, { channel: 'CHANNEL_REGISTER', phoneNumber: '10000000404' }],
  ] as const) {
    const services = await openApp({ dataDir, mode: 'browser', clock: () => at, osLanguage: 'en-US' })
    try {
      const envelope = await services.dispatch('sms.send', { profileId: 'local-sandbox', ...input })
      expect(envelope.ok).toBe(true)
    } finally {
      await services.close()
    }
  }
}

beforeAll(async () => {
  dataDir = freshDataDir()
  await seedHistory()
})

afterAll(() => removeDataDir(dataDir))

async function page(args: string[]): Promise<HistoryPage> {
  const run = await cliInProcess(['history', ...args, '--json'], dataDir)
  expect(run).toMatchObject({ code: 0, stderr: '' })
  return HistoryPage.parse(JSON.parse(run.stdout))
}

describe('history', () => {
  it('prints the HistoryPage as JSON in a real process, and a table without colour codes otherwise', async () => {
    const json = await cliProcess(['history', '--json'], dataDir)
    expect(json.code).toBe(0)
    const all = HistoryPage.parse(JSON.parse(json.stdout))
    expect(all.total).toBe(2)
    expect(all.entries.map((entry) => entry.createdAt)).toEqual([secondSendAt, firstSendAt])
    expect(all.entries.map((entry) => entry.phoneNumber)).toEqual(['100****0404', '138****8000'])

    const table = await cliInProcess(['history'], dataDir)
    expect(table.code).toBe(0)
    expect(table.stdout).not.toContain('\u001b')
    const lines = table.stdout.split('\n')
    expect(lines[0]).toMatch(/^ID +TIME +PROFILE +CHANNEL +PHONE +OUTCOME +STATUS +API CODE +REQUEST ID$/)
    expect(lines[1]).toMatch(new RegExp(`^2 +${day(localTime(1, 0))} 09:00:00 +Local`))
    expect(lines[1]).toMatch(/ +Local sandbox +CHANNEL_REGISTER +100\*\*\*\*0404 +business-failure +404 +2004 +\S+$/)
    expect(lines[2]).toMatch(new RegExp(`^1 +${day(localTime(3, 0))} 12:00:00 +Local`))
    expect(lines[2]).toMatch(/ +Local sandbox +CHANNEL_LOGIN +\+86 138\*\*\*\*8000 +success +200 +- +\S+$/)
    // Columns line up: every row starts its OUTCOME where the header does.
    const outcomeColumn = lines[0]!.indexOf('OUTCOME')
    expect(lines[1]!.indexOf('business-failure')).toBe(outcomeColumn)
    expect(lines[2]!.indexOf('success')).toBe(outcomeColumn)
    expect(table.stdout).toContain('2 of 2 matching entries (success 1, business-failure 1).')
  })

  it('applies every filter the app has', async () => {
    const ids = async (args: string[]): Promise<number[]> => (await page(args)).entries.map((entry) => entry.id)
    expect(await ids(['--from', day(localTime(2, 0))])).toEqual([2])
    // A date alone as --to includes that whole day.
    expect(await ids(['--to', day(localTime(3, 0))])).toEqual([1])
    expect(await ids(['--to', day(localTime(4, 0))])).toEqual([])
    expect(await ids(['--to', new Date(firstSendAt).toISOString()])).toEqual([])
    expect(
      await ids(['--from', new Date(firstSendAt).toISOString(), '--to', new Date(secondSendAt).toISOString()]),
    ).toEqual([1])
    expect(await ids(['--channel', 'login'])).toEqual([1])
    expect(await ids(['--outcome', 'business-failure'])).toEqual([2])
    expect(await ids(['--status-code', '404', '--api-code', '2004'])).toEqual([2])
    expect(await ids(['--phone', '8000'])).toEqual([1])
    expect(await ids(['--profile', 'LOCAL SANDBOX'])).toEqual([2, 1])
    expect(await ids(['--profile', 'local-sandbox'])).toEqual([2, 1])
    expect(await ids(['--profile', 'ad-hoc'])).toEqual([])
    const requestId = (await page([])).entries[0]!.requestId!
    expect(await ids(['--request-id', requestId])).toEqual([2])

    const limited = await page(['--limit', '1'])
    expect(limited.entries).toHaveLength(1)
    expect(limited.total).toBe(2)
    expect(limited.nextCursor).not.toBeNull()
    expect((await cliInProcess(['history', '--limit', '1'], dataDir)).stdout).toContain('1 of 2 matching entries')
    expect((await cliInProcess(['history', '--phone', '999'], dataDir)).stdout).toBe('No history entries match.\n')
  })
})

describe('history export', () => {
  it('writes the whole numbers to a file only you can read, and says where', async () => {
    const output = join(dataDir, 'export.json')
    const run = await cliProcess(
      ['history', 'export', '--format', 'json', '--reveal-phones', '--output', output, '--json'],
      dataDir,
    )
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(ExportWritten.parse(JSON.parse(run.stdout))).toEqual({ path: output, count: 2 })
    const file = JSON.parse(readFileSync(output, 'utf8')) as { entries: Array<{ phoneNumber: string }> }
    expect(file.entries.map((entry) => entry.phoneNumber).sort()).toEqual(['10000000404', '13800138000'])
    expect(statSync(output).mode & 0o777).toBe(0o600)

    const text = await cliInProcess(
      ['history', 'export', '--format', 'csv', '--output', join(dataDir, 'export.csv')],
      dataDir,
    )
    expect(text.stdout).toBe(`Wrote 2 entries to ${join(dataDir, 'export.csv')}\n`)
  })

  it('prints CSV with masked numbers to stdout, and the contract value with --json', async () => {
    const csv = await cliInProcess(['history', 'export', '--format', 'csv', '--channel', 'login'], dataDir)
    expect(csv.code).toBe(0)
    const rows = csv.stdout
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/^id,createdAt,/)
    expect(rows[1]).toContain(',138****8000,')
    expect(rows[1]).toContain(',seed-1,')

    const json = await cliInProcess(
      ['history', 'export', '--format', 'json', '--outcome', 'success', '--json'],
      dataDir,
    )
    const exported = calls['history.export'].output.parse(JSON.parse(json.stdout))
    expect(exported.count).toBe(1)
    expect(exported.fileName).toMatch(/^sms-history-\d{8}T\d{6}Z\.json$/)
    expect(JSON.parse(exported.content)).toMatchObject({ count: 1, entries: [{ note: 'seed-1' }] })

    const unwritable = await cliInProcess(
      ['history', 'export', '--format', 'csv', '--output', join(dataDir, 'missing', 'x.csv')],
      dataDir,
    )
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toMatch(/^genauth-sms: --output: cannot write .*x\.csv: ENOENT\n$/)
  })
})

describe('history export --output never clobbers a file or writes through a link', () => {
  const exportTo = (output: string, ...more: string[]) =>
    cliInProcess(['history', 'export', '--format', 'csv', '--output', output, ...more], dataDir)

  it('refuses an existing file, leaving it as it was, and replaces it with --force', async () => {
    const output = join(dataDir, 'kept.csv')
    writeFileSync(output, "the user's own file\n", { mode: 0o644 })
    const refused = await exportTo(output, '--json')
    expect(refused.code).toBe(64)
    expect(refused.stderr).toBe(`genauth-sms: --output: ${output} already exists; add --force to replace it.\n`)
    expect(CliErrorOutput.parse(JSON.parse(refused.stdout)).error.code).toBe('conflict')
    expect(readFileSync(output, 'utf8')).toBe("the user's own file\n")

    const replaced = await exportTo(output, '--force')
    expect(replaced).toMatchObject({ code: 0, stderr: '' })
    expect(readFileSync(output, 'utf8')).toMatch(/^\uFEFFid,createdAt,/)
    expect(statSync(output).mode & 0o777).toBe(0o600)
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('refuses a symbolic link, dangling or not, with or without --force', async () => {
    const target = join(dataDir, 'target.txt')
    writeFileSync(target, 'elsewhere\n')
    const link = join(dataDir, 'link.csv')
    symlinkSync(target, link)
    const dangling = join(dataDir, 'dangling.csv')
    symlinkSync(join(dataDir, 'nowhere.csv'), dangling)
    for (const [output, more] of [
      [link, []],
      [link, ['--force']],
      [dangling, []],
      [dangling, ['--force']],
    ] as const) {
      const run = await exportTo(output, ...more)
      expect(run.code).toBe(64)
      expect(run.stderr).toBe(
        `genauth-sms: --output: ${output} is a symbolic link; the export never writes through one: name the file itself.\n`,
      )
    }
    expect(readFileSync(target, 'utf8')).toBe('elsewhere\n')
    expect(existsSync(join(dataDir, 'nowhere.csv'))).toBe(false)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
  })

  it('refuses --force without --output', async () => {
    const run = await cliInProcess(['history', 'export', '--format', 'csv', '--force'], dataDir)
    expect(run).toMatchObject({ code: 64, stdout: '' })
    expect(run.stderr).toMatch(/--force replaces an --output file: give --output too\./)
  })
})

describe('profiles list, cooldown, channels, explain', () => {
  it('lists the profiles as the contract ProfileList, and as a table', async () => {
    const json = await cliProcess(['profiles', 'list', '--json'], dataDir)
    expect(json.code).toBe(0)
    const list = ProfileList.parse(JSON.parse(json.stdout))
    expect(list.activeId).toBe('local-sandbox')
    expect(list.profiles).toMatchObject([{ id: 'local-sandbox', name: 'Local sandbox', builtIn: true }])

    const table = await cliInProcess(['profiles', 'list'], dataDir)
    expect(table.stdout).toMatch(
      /^\* +Local sandbox +sandbox +embedded emulator +local-sandbox-app +- +local-sandbox$/m,
    )
  })

  it('reports the cooldown of each channel for a phone, separators and all', async () => {
    const cooling = freshDataDir()
    try {
      expect(
        (await cliInProcess(['send', '--channel', 'reset_password', '--phone', '13800138000'], cooling)).code,
      ).toBe(0)
      const run = await cliInProcess(['cooldown', '--phone', '138-0013-8000', '--json'], cooling)
      const report = CooldownReport.parse(JSON.parse(run.stdout))
      const reset = report.channels.find((channel) => channel.channel === 'CHANNEL_RESET_PASSWORD')
      expect(reset).toMatchObject({ state: 'cooling', reason: 'sent' })
      expect(reset!.until! - report.now).toBeGreaterThan(50_000)
      expect(report.channels.filter((channel) => channel.state === 'free')).toHaveLength(SMS_CHANNELS.length - 1)

      const table = await cliInProcess(['cooldown', '--phone', '13800138000', '--profile', 'Local sandbox'], cooling)
      expect(table.stdout).toMatch(/^CHANNEL_RESET_PASSWORD +cooling +\d+ s +sent$/m)
      expect(table.stdout).toMatch(/^CHANNEL_LOGIN +free +- +-$/m)
      // GenAuth reads no country code as +86: given, it is the same phone; +852 is another.
      const withCode = async (country: string) =>
        CooldownReport.parse(
          JSON.parse(
            (await cliInProcess(['cooldown', '--phone', '13800138000', '--country', country, '--json'], cooling))
              .stdout,
          ),
        ).channels.find((channel) => channel.channel === 'CHANNEL_RESET_PASSWORD')!.state
      expect(await withCode('+86')).toBe('cooling')
      expect(await withCode('852')).toBe('free')
      const again = await cliInProcess(
        ['send', '--channel', 'reset_password', '--phone', '13800138000', '--country', '+86'],
        cooling,
      )
      expect(again.code).toBe(4)
    } finally {
      removeDataDir(cooling)
    }
  })

  it('lists the channels and explains codes from the catalog', async () => {
    const channels = await cliProcess(['channels', '--json'], dataDir)
    expect(ChannelList.parse(JSON.parse(channels.stdout))).toEqual([...SMS_CHANNELS])
    expect((await cliInProcess(['channels'], dataDir)).stdout).toBe(
      SMS_CHANNELS.map((channel) => `${channel}\n`).join(''),
    )

    const apiCode = ExplainOutput.parse(JSON.parse((await cliInProcess(['explain', '2004', '--json'], dataDir)).stdout))
    expect(apiCode).toMatchObject({
      code: 2004,
      statusCode: null,
      apiCode: { kind: 'apiCode', name: 'User not found' },
    })
    const statusCode = ExplainOutput.parse(
      JSON.parse((await cliInProcess(['explain', '429', '--json'], dataDir)).stdout),
    )
    expect(statusCode).toMatchObject({ statusCode: { kind: 'statusCode', name: 'ThrottleError' }, apiCode: null })

    const chinese = await cliInProcess(['explain', '2004', '--lang', 'zh-CN'], dataDir)
    expect(chinese.stdout).toMatch(/^apiCode 2004 {2}User not found\n {2}meaning +用户不存在/)
    const fromLocale = await cliInProcess(['explain', '2004'], dataDir, { LANG: 'zh_CN.UTF-8' })
    expect(fromLocale.stdout).toBe(chinese.stdout)
    const synthetic = await cliInProcess(['explain', '99006'], dataDir)
    expect(synthetic.stdout).toContain('(emulator only, not a GenAuth code)')

    const unknown = await cliInProcess(['explain', '12345'], dataDir)
    expect(unknown).toMatchObject({ code: 0, stderr: '' })
    expect(unknown.stdout).toBe(
      '12345 is neither a known statusCode nor a known apiCode. See https://docs.genauth.ai/reference/error-code.html\n',
    )
  })
})

describe('emulator', () => {
  it('runs the send-sms emulator with its JSON line until SIGTERM, then exits 0', async () => {
    const cli = startCli(
      ['emulator', '--json', '--app-id', 'one-app', '--app-id', 'two-app', '--cooldown-ms', '0'],
      dataDir,
    )
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        if (cli.stdout().includes('\n')) {
          clearInterval(timer)
          resolve(cli.stdout().split('\n')[0]!)
        }
      }, 50)
      void cli.finished.then((run) => {
        clearInterval(timer)
        reject(new Error(`the emulator exited: ${run.stderr}`))
      })
    })
    const { url, token } = EmulatorListening.parse(JSON.parse(line))
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const headers = { 'x-emulator-token': token }
    expect((await fetch(`${url}/__emulator/requests`)).status).toBe(401)
    expect((await fetch(`${url}/__emulator/requests`, { headers })).status).toBe(200)
    const login = JSON.stringify({ channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' })
    for (const appId of ['one-app', 'two-app', 'two-app']) {
      const answer = await fetch(`${url}/api/v3/send-sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-authing-app-id': appId },
        body: login,
      })
      expect(((await answer.json()) as { statusCode: number }).statusCode).toBe(200)
    }

    cli.child.kill('SIGTERM')
    const run = await cli.finished
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(`${line}\n`)
    await expect(fetch(url)).rejects.toThrow()
  })

  it('stops on the caller abort signal when run in process', async () => {
    const controller = new AbortController()
    let printed = ''
    const { runCli } = await import('../../../src-main/cli/run-cli')
    const done = runCli(['emulator'], {
      stdout: { write: (text: string) => (printed += text) },
      stderr: { write: (text: string) => (printed += text) },
      env: {},
      signal: controller.signal,
    })
    while (!printed.includes('\n')) await new Promise((resolve) => setTimeout(resolve, 20))
    const url = /listening on (\S+) \(App IDs: local-sandbox-app\)/.exec(printed)?.[1]
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    controller.abort()
    expect(await done).toBe(0)
    await expect(fetch(url!)).rejects.toThrow()
  })
})
