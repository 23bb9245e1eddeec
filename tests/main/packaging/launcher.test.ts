import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, projectDir } from './built-app'

// The genauth-sms launcher (build/bin/genauth-sms) run for real, in the folder layouts of the installed
// app. The app's executable is a stand-in that runs Node the way Electron does under
// ELECTRON_RUN_AS_NODE, and refuses to start otherwise (the GUI would need a display); app.asar is a
// folder holding the built CLI, which Electron would read from the archive.

const isWindows = process.platform === 'win32'
if (isWindows)
  console.log('Skipping the genauth-sms launcher tests: it is a POSIX shell script (Windows uses the .cmd)')
let workDir: string

/** Lays out an installed app under `root` and returns the path of its launcher. */
function installApp(root: string, layout: { executable: string; resources: string }): string {
  const executable = join(root, layout.executable)
  mkdirSync(dirname(executable), { recursive: true })
  writeFileSync(
    executable,
    [
      '#!/bin/sh',
      '[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "started the desktop app, not Node" >&2; exit 99; }',
      `exec ${JSON.stringify(process.execPath)} "$@"`,
    ].join('\n'),
    { mode: 0o755 },
  )
  const resources = join(root, layout.resources)
  mkdirSync(join(resources, 'app.asar', 'out', 'main'), { recursive: true })
  symlinkSync(join(projectDir, 'out', 'main', 'cli.js'), join(resources, 'app.asar', 'out', 'main', 'cli.js'))
  mkdirSync(join(resources, 'bin'))
  const launcher = join(resources, 'bin', 'genauth-sms')
  copyFileSync(join(projectDir, 'build', 'bin', 'genauth-sms'), launcher)
  return launcher
}

function run(launcher: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  // No DISPLAY or WAYLAND_DISPLAY: as over SSH or from cron.
  const env = { PATH: process.env.PATH, HOME: workDir, GENAUTH_SMS_DATA_DIR: join(workDir, 'data') }
  return spawnSync(launcher, args, { env, encoding: 'utf8', timeout: 30_000 })
}

beforeAll(async () => {
  await ensureBuilt()
  workDir = mkdtempSync(join(tmpdir(), 'launcher-test-'))
}, 300_000)

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

describe.skipIf(isWindows)('the genauth-sms launcher', () => {
  it('runs the command line through the app executable on Linux, without a display', () => {
    const launcher = installApp(join(workDir, 'opt', 'GenAuth SMS Console'), {
      executable: 'genauth-sms-console',
      resources: 'resources',
    })
    const result = run(launcher, ['channels'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('CHANNEL_LOGIN')
  })

  it('follows the /usr/bin link the deb installs and passes arguments and the exit code through', () => {
    const launcher = installApp(join(workDir, 'opt-linked', 'GenAuth SMS Console'), {
      executable: 'genauth-sms-console',
      resources: 'resources',
    })
    mkdirSync(join(workDir, 'usr', 'bin'), { recursive: true })
    const link = join(workDir, 'usr', 'bin', 'genauth-sms')
    symlinkSync(launcher, link)
    const result = run(link, ['explain', '2004', '--json'])
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 2004, apiCode: { code: 2004 } })
    const usage = run(link, ['history', '--limit', 'many words'])
    expect(usage.status).toBe(64)
    expect(usage.stderr).toMatch(/^genauth-sms: /)
  })

  it('finds the executable in a macOS app bundle, through a relative link', () => {
    const launcher = installApp(join(workDir, 'Applications', 'GenAuth SMS Console.app', 'Contents'), {
      executable: join('MacOS', 'GenAuth SMS Console'),
      resources: 'Resources',
    })
    mkdirSync(join(workDir, 'local', 'bin'), { recursive: true })
    const link = join(workDir, 'local', 'bin', 'genauth-sms')
    symlinkSync(
      join('..', '..', 'Applications', 'GenAuth SMS Console.app', 'Contents', 'Resources', 'bin', 'genauth-sms'),
      link,
    )
    expect(launcher).toContain('Resources')
    const result = run(link, ['channels', '--json'])
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toContain('CHANNEL_LOGIN')
  })
})
