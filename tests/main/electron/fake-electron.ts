import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/** A window as the shell uses it: events, a loaded URL, and the webContents handlers it installs. */
export class FakeBrowserWindow extends EventEmitter {
  static windows: FakeBrowserWindow[] = []
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.windows
  static getFocusedWindow = (): FakeBrowserWindow | null => null
  static fromWebContents = (contents: unknown): FakeBrowserWindow | null =>
    FakeBrowserWindow.windows.find((window) => window.webContents === contents) ?? null

  readonly webContents = Object.assign(new EventEmitter(), {
    mainFrame: { url: '' },
    send: vi.fn(),
    setWindowOpenHandler: vi.fn(),
  })
  loadedUrl = ''
  constructor(readonly options: unknown) {
    super()
    FakeBrowserWindow.windows.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  isMinimized = (): boolean => false
  restore = vi.fn()
  focus = vi.fn()
  show = vi.fn()
}

/**
 * The parts of Electron's main-process API the shell uses, recording what it is asked to do, in the
 * manner of electron/fiddle's tests/main mocks. `events` lists the calls whose order matters.
 */
export function createFakeElectron(userData: string) {
  FakeBrowserWindow.windows = []
  const paths = new Map<string, string>([['userData', userData]])
  const events: string[] = []
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  const app = Object.assign(new EventEmitter(), {
    name: 'GenAuth SMS Console',
    isPackaged: false,
    dock: undefined,
    getPath: vi.fn((name: string) => paths.get(name) ?? `/fake/${name}`),
    setPath: vi.fn((name: string, value: string) => {
      events.push(`setPath ${name}`)
      paths.set(name, value)
    }),
    requestSingleInstanceLock: vi.fn(() => {
      events.push('requestSingleInstanceLock')
      return true
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn((code: number): void => void events.push(`exit ${code}`)),
    getLocale: () => 'en-US',
    getVersion: () => '0.1.0',
  })
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  }
  return {
    app,
    session,
    events,
    handlers,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: vi.fn((title: string, content: string) => events.push(`showErrorBox ${title}: ${content}`)),
      showMessageBox: vi.fn(),
    },
    ipcMain: {
      handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
    clipboard: { writeText: vi.fn() },
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

const holder = globalThis as { currentFakeElectron?: FakeElectron }

/** Makes `fake` the electron module the code under test sees from now on. */
export function useFakeElectron(fake: FakeElectron): FakeElectron {
  holder.currentFakeElectron = fake
  return fake
}

/**
 * The object to return from `vi.mock('electron', ...)`. Vitest keeps a mock factory's result for the
 * whole file (and vi.resetModules gives fresh copies of this module), so each member reads through a
 * global to the fake the current test installed.
 */
export function electronModule(): object {
  const members = Object.keys(createFakeElectron(''))
  return Object.defineProperties(
    {},
    Object.fromEntries(
      members.map((name) => [
        name,
        { enumerable: true, get: () => (holder.currentFakeElectron as Record<string, unknown> | undefined)?.[name] },
      ]),
    ),
  )
}
