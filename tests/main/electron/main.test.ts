import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { exitCode, startEntry, useElectronEntry } from './entry-harness'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule())

const harness = useElectronEntry()

/** Waits until the window exists (the start went through) and returns the app's shut-down. */
async function startedWindow(): Promise<void> {
  await vi.waitFor(() => expect(harness.electron.BrowserWindow.windows).toHaveLength(1), { timeout: 10_000 })
}

async function quitAndWaitForExit(): Promise<{ preventDefault: ReturnType<typeof vi.fn> }> {
  const event = { preventDefault: vi.fn() }
  harness.electron.app.emit('will-quit', event)
  await exitCode(harness.electron)
  return event
}

afterEach(() => {
  vi.doUnmock('libsql')
})

describe('the data folder', () => {
  it('moves userData to GENAUTH_SMS_DATA_DIR before taking the single-instance lock', async () => {
    const dataDir = join(harness.workDir, 'support-copy')
    await startEntry({ dataDir })
    await startedWindow()
    expect(harness.electron.app.setPath).toHaveBeenCalledWith('userData', dataDir)
    expect(harness.electron.events.indexOf('setPath userData')).toBeGreaterThan(-1)
    expect(harness.electron.events.indexOf('setPath userData')).toBeLessThan(
      harness.electron.events.indexOf('requestSingleInstanceLock'),
    )
    expect(existsSync(join(dataDir, 'history.db'))).toBe(true)
    await quitAndWaitForExit()
  })

  it('leaves userData alone without the variable, and keeps the data there', async () => {
    await startEntry()
    await startedWindow()
    expect(harness.electron.app.setPath).not.toHaveBeenCalled()
    expect(existsSync(join(harness.workDir, 'default-user-data', 'history.db'))).toBe(true)
    await quitAndWaitForExit()
  })
})

describe('permissions', () => {
  type RequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: object,
  ) => void
  type CheckHandler = (contents: unknown, permission: string, origin: string, details: object) => boolean

  function decide(permission: string, url: string): { requested: boolean; checked: boolean } {
    const [request] = harness.electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0] as [
      RequestHandler,
    ]
    const [check] = harness.electron.session.defaultSession.setPermissionCheckHandler.mock.calls[0] as [CheckHandler]
    let requested: boolean | undefined
    request({}, permission, (granted) => (requested = granted), { requestingUrl: url })
    const checked = check(
      {},
      permission,
      new URL(url).origin === 'null' ? url.replace(/\/[^/]*$/, '') : new URL(url).origin,
      {},
    )
    if (requested === undefined) throw new Error('the request handler never answered')
    return { requested, checked }
  }

  it('allows clipboard writes from the app’s own origin, in both handlers', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data') })
    await startedWindow()
    expect(decide('clipboard-sanitized-write', 'app://console/index.html')).toEqual({ requested: true, checked: true })
    await quitAndWaitForExit()
  })

  it('denies clipboard writes from any other origin, and every other permission', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data') })
    await startedWindow()
    for (const url of [
      'https://attacker.example/x',
      'app://other/index.html',
      'file:///etc/passwd',
      'http://127.0.0.1:5173/',
    ]) {
      expect(decide('clipboard-sanitized-write', url), url).toEqual({ requested: false, checked: false })
    }
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal']) {
      expect(decide(permission, 'app://console/index.html'), permission).toEqual({ requested: false, checked: false })
    }
    await quitAndWaitForExit()
  })
})

describe('a failed start', () => {
  it('shows one dialog with the cause and the log’s path, then exits non-zero', async () => {
    // A file where the data folder should be: nothing can be created inside it.
    const dataDir = join(harness.workDir, 'not-a-folder')
    writeFileSync(dataDir, 'a file')
    await startEntry({ dataDir })
    expect(await exitCode(harness.electron)).toBe(1)
    expect(harness.electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, content] = harness.electron.dialog.showErrorBox.mock.calls[0] as [string, string]
    expect(title).toBe('GenAuth SMS Console could not start')
    expect(content).toMatch(/EEXIST|ENOTDIR/)
    expect(content).toContain(join(dataDir, 'logs', 'main.log'))
    expect(harness.electron.BrowserWindow.windows).toEqual([])
  })

  it('reports a native module that fails to load the same way, and writes it to the log', async () => {
    vi.doMock('libsql', () => {
      throw new Error('libsql.linux-x64-gnu.node: invalid ELF header')
    })
    const dataDir = join(harness.workDir, 'data')
    await startEntry({ dataDir })
    expect(await exitCode(harness.electron)).toBe(1)
    expect(harness.electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [, content] = harness.electron.dialog.showErrorBox.mock.calls[0] as [string, string]
    expect(content).toContain('invalid ELF header')
    expect(content).toContain(join(dataDir, 'logs', 'main.log'))
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('invalid ELF header')
  })
})

describe('quit', () => {
  /** The sandbox emulator's port, asked through the IPC layer as the window would ask. */
  async function emulatorPort(): Promise<number> {
    const [window] = harness.electron.BrowserWindow.windows
    window!.webContents.mainFrame.url = 'app://console/index.html'
    const event = { sender: window!.webContents, senderFrame: window!.webContents.mainFrame }
    const info = (await harness.electron.handlers.get('rpc:app.info')!(event)) as { value: { emulatorUrl: string } }
    return Number(new URL(info.value.emulatorUrl).port)
  }

  /** Whether something still listens on the port, asked synchronously (from inside app.exit). */
  function listening(port: number): boolean {
    const probe = `require('node:net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`
    return spawnSync(process.execPath, ['-e', probe]).status === 0
  }

  it('holds the quit, closes the services, then exits', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data') })
    await startedWindow()
    const port = await emulatorPort()
    expect(listening(port)).toBe(true)
    let listeningAtExit: boolean | undefined
    harness.electron.app.exit.mockImplementation(() => {
      listeningAtExit = listening(port)
    })
    const event = await quitAndWaitForExit()
    expect(event.preventDefault).toHaveBeenCalled()
    expect(harness.electron.app.exit).toHaveBeenCalledWith(0)
    // The services closed before the exit: the emulator (closed first, then the history) was gone.
    expect(listeningAtExit).toBe(false)
  })

  it('exits once, however often the quit is asked for while closing', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data') })
    await startedWindow()
    const second = { preventDefault: vi.fn() }
    harness.electron.app.emit('will-quit', { preventDefault: vi.fn() })
    harness.electron.app.emit('will-quit', second)
    await vi.waitFor(() => expect(harness.electron.app.exit).toHaveBeenCalled(), { timeout: 10_000 })
    expect(second.preventDefault).toHaveBeenCalled()
    expect(harness.electron.app.exit).toHaveBeenCalledTimes(1)
  })
})
