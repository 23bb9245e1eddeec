import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'

// Never require('electron') here: it would try to download the binary.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS helper shared with npm start
const { installedElectronBinary } = require('../../scripts/electron-binary.cjs') as {
  installedElectronBinary(): string | null
}
const binary = installedElectronBinary()
const skipReason =
  'The Electron binary is not installed on this machine (it is downloaded on first use from outside the npm ' +
  'registry). These tests run where it exists: see README, "Electron tests".'
if (!binary) console.log(`Skipping the Electron suite: ${skipReason}`)
test.skip(!binary, skipReason)

// Chromium's sandbox needs a setuid chrome-sandbox or unprivileged user namespaces, which root and
// Ubuntu 24.04 (AppArmor) refuse; the renderer stays sandboxed in Electron's sense (no Node) without it.
// --lang fixes the UI language, so the checks below read the same text whatever the OS language is.
const ELECTRON_SWITCHES = ['--no-sandbox', '--lang=en-US']

let app: ElectronApplication
let window: Page
let dataDir: string

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'genauth-sms-electron-'))
  app = await electron.launch({
    executablePath: binary!,
    args: ['.', ...ELECTRON_SWITCHES],
    env: { ...process.env, GENAUTH_SMS_DATA_DIR: dataDir },
  })
  window = await app.firstWindow()
})

test.afterAll(async () => {
  await app?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test('the window opens on the sandbox profile', async () => {
  await expect(window.getByRole('heading', { name: 'GenAuth SMS Console' })).toBeVisible()
})

test('the window is isolated: no Node in the renderer, only the preload bridge', async () => {
  // Electronegativity checks the settings statically in CI; this checks their effect.
  const globals = await window.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    api: typeof (globalThis as Record<string, unknown>).api,
  }))
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: 'object' })
})

test('the renderer is served from app://, and a call reaches main', async () => {
  expect(window.url()).toMatch(/^app:\/\/console\//)
  const envelope = await window.evaluate(() =>
    (window as unknown as { api: { 'profiles.list': () => Promise<{ ok: boolean }> } }).api['profiles.list'](),
  )
  expect(envelope.ok).toBe(true)
})

test('a send through the sandbox emulator reaches the history', async () => {
  type Api = Record<string, (input?: unknown) => Promise<{ ok: boolean; value?: unknown }>>
  const sent = await window.evaluate(() =>
    (window as unknown as { api: Api }).api['sms.send']!({
      profileId: 'local-sandbox',
      channel: 'CHANNEL_LOGIN',
      phoneNumber: '13800138000',
      phoneCountryCode: '+86',
    }),
  )
  expect(sent).toMatchObject({ ok: true, value: { result: { kind: 'success', statusCode: 200 } } })
  const page = await window.evaluate(() => (window as unknown as { api: Api }).api['history.query']!({}))
  expect(page).toMatchObject({
    ok: true,
    value: { total: 1, entries: [{ outcome: 'success', phoneNumber: '138****8000' }] },
  })
})

test('the same executable runs the command line with --cli, without a window', () => {
  const run = spawnSync(binary!, ['.', ...ELECTRON_SWITCHES, '--cli', 'history', '--json'], {
    env: { ...process.env, GENAUTH_SMS_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(run.status).toBe(0)
  expect(JSON.parse(run.stdout)).toMatchObject({ total: 1 })
})
