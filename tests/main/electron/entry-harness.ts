import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { createFakeElectron, useFakeElectron, type FakeElectron } from './fake-electron'

// Runs the Electron entry (src-main/electron/main.ts) on import, as Electron runs it, against the fake
// electron module, on real services and a real data folder. A test file using it declares
//   vi.mock('electron', async () => (await import('./fake-electron')).electronModule())

const DATA_DIR_VARIABLE = 'GENAUTH_SMS_DATA_DIR'
// Electron's Node reports its own versions; About and app.info show them.
const ELECTRON_VERSIONS = { electron: '45.3.4', chrome: '140.0.7339.249' }

export interface EntryHarness {
  workDir: string
  electron: FakeElectron
}

/** Registers the hooks that give every test a fresh fake, a temporary folder and a clean environment. */
export function useElectronEntry(): EntryHarness {
  const harness = {} as EntryHarness
  const savedArgv = process.argv
  const savedDataDir = process.env[DATA_DIR_VARIABLE]
  beforeEach(() => {
    for (const [name, value] of Object.entries(ELECTRON_VERSIONS)) {
      Object.defineProperty(process.versions, name, { value, configurable: true })
    }
    harness.workDir = mkdtempSync(join(tmpdir(), 'electron-shell-'))
    harness.electron = useFakeElectron(createFakeElectron(join(harness.workDir, 'default-user-data')))
  })
  afterEach(() => {
    for (const name of Object.keys(ELECTRON_VERSIONS)) delete (process.versions as Record<string, unknown>)[name]
    process.argv = savedArgv
    if (savedDataDir === undefined) delete process.env[DATA_DIR_VARIABLE]
    else process.env[DATA_DIR_VARIABLE] = savedDataDir
    vi.restoreAllMocks()
    rmSync(harness.workDir, { recursive: true, force: true })
  })
  return harness
}

/** Imports the entry afresh with this data folder override (none when undefined) and these arguments. */
export async function startEntry(options: { dataDir?: string; args?: string[] } = {}): Promise<void> {
  if (options.dataDir === undefined) delete process.env[DATA_DIR_VARIABLE]
  else process.env[DATA_DIR_VARIABLE] = options.dataDir
  process.argv = ['/opt/GenAuth SMS Console/genauth-sms-console', ...(options.args ?? [])]
  vi.resetModules()
  await import('../../../src-main/electron/main')
}

export async function exitCode(electron: FakeElectron): Promise<number> {
  await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalled(), { timeout: 10_000 })
  return electron.app.exit.mock.calls[0]![0]
}
