import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { KeychainStatus } from '../../../src-main/shared/contract'

const ROOT = resolve(__dirname, '../../..')
const CHILD = join(__dirname, 'fixtures/keychain-child.ts')
const SECRET = 'do-not-echo-this-secret-41c9'
const BACKENDS = ['keytar', 'napi-keyring'] as const
const temp = mkdtempSync(join(tmpdir(), 'keychain-unavailable-'))

afterAll(() => rmSync(temp, { recursive: true, force: true }))

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; code: string; message: string }
type ChildReport = {
  locked: boolean | null
  status: KeychainStatus
  operations: Record<'set' | 'get' | 'delete' | 'listAccounts', Outcome>
}

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
}

/** The environment of a process outside any desktop session: no D-Bus address, no display, no runtime bus. */
function sessionlessEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHILD_SECRET: SECRET,
    XDG_RUNTIME_DIR: mkdtempSync(join(temp, 'run-')),
  }
  delete env.DBUS_SESSION_BUS_ADDRESS
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  delete env.GENAUTH_KEYRING_SESSION
  return env
}

function runChild(command: string, args: string[]): ChildReport {
  const child = spawnSync(command, args, { cwd: ROOT, env: sessionlessEnv(), encoding: 'utf8', timeout: 60_000 })
  // A crash (keytar's listing on a locked keyring is one) shows as a signal instead of a report.
  expect({ signal: child.signal, status: child.status, stderr: child.status === 0 ? '' : child.stderr }).toEqual({
    signal: null,
    status: 0,
    stderr: '',
  })
  const line = child.stdout.split('\n').find((candidate) => candidate.startsWith('{'))
  if (!line) throw new Error(`no report from the child: ${child.stdout}`)
  return JSON.parse(line) as ChildReport
}

const nodeChild = (backend: string, ...rest: string[]) => [process.execPath, '--import', 'tsx', CHILD, backend, ...rest]

function expectEveryOperationRefused(report: ChildReport, problem: RegExp): void {
  for (const [name, result] of Object.entries(report.operations)) {
    expect(result, name).toMatchObject({ ok: false, name: 'KeychainUnavailableError', code: 'keychain-unavailable' })
    if (!result.ok) {
      expect(result.message, name).toMatch(problem)
      expect(result.message, name).toContain(report.status.fix)
      expect(result.message, name).not.toContain(SECRET)
    }
  }
}

describe.skipIf(process.platform !== 'linux').each(BACKENDS)('%s without a usable keychain', (backend) => {
  it('says there is no D-Bus session when run outside one', () => {
    const [command, ...args] = nodeChild(backend)
    const report = runChild(command!, args)
    expect(report.status).toEqual({
      available: false,
      backend,
      problem: expect.stringMatching(/no D-Bus session bus/),
      fix: expect.stringMatching(/gnome-keyring .*desktop session/),
    })
    expectEveryOperationRefused(report, /no D-Bus session bus/)
  })

  it.skipIf(!installed('dbus-run-session'))('says no Secret Service is running on a bare D-Bus session', () => {
    // A session bus that can start no service at all: nothing answers for org.freedesktop.secrets.
    const config = join(temp, `bare-session-${backend}.conf`)
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${temp}</listen>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
    )
    const report = runChild('dbus-run-session', [`--config-file=${config}`, '--', ...nodeChild(backend)])
    expect(report.status).toMatchObject({
      available: false,
      problem: expect.stringMatching(/no Secret Service \(org\.freedesktop\.secrets\) is running/),
      fix: expect.stringMatching(/Install gnome-keyring/),
    })
    expectEveryOperationRefused(report, /no Secret Service/)
  })

  it.skipIf(!installed('gnome-keyring-daemon') || !installed('gdbus'))(
    'says the keyring is locked, and never mistakes a locked keyring for an empty one',
    () => {
      // A private session of its own (the wrapper starts one when not inside one), so locking it
      // cannot disturb the other tests.
      const report = runChild('bash', [join(ROOT, 'scripts/with-keyring.sh'), ...nodeChild(backend, 'lock')])
      expect(report.locked).toBe(true)
      expect(report.status).toMatchObject({
        available: false,
        problem: 'The OS keychain is locked.',
        fix: expect.stringMatching(/Unlock your login keyring/),
      })
      // keytar answers a locked keyring with "absent" (get → null, delete → false) and crashes listing it.
      expectEveryOperationRefused(report, /locked/)
    },
  )
})
