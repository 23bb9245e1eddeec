import { join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import { cliArgsFromElectronArgv } from '../cli/electron-argv'
import { logsDirOf } from '../app-paths'
import type { Dispatch } from '../dispatch/dispatcher'
import type { Services } from '../services'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { runCliInElectron } from './cli-mode'
import { useDataFolder } from './data-folder'
import { registerIpc } from './ipc'
import { installMenu } from './menu'
import { closeBeforeQuit } from './orderly-quit'
import { installPermissionHandlers } from './permissions'
import { failStartup } from './startup-failure'
import { createMainWindow, rendererOrigin } from './window'

// Beside this entry bundle (out/main/index.js): the built preload and renderer. Only the entry knows its
// place in out/; the other main-process modules are files of their own in subfolders.
const preloadPath = join(__dirname, '../preload/index.js')
const rendererDir = join(__dirname, '../renderer')

// Before anything else: the single-instance lock and Chromium's storage follow the data folder.
const dataDir = useDataFolder()

// `<app> --cli <command>` runs the command-line companion on the app's data folder and keychain, with
// no window, before the single-instance lock (which would only focus a running window).
const cliArgs = cliArgsFromElectronArgv(process.argv)
if (cliArgs) {
  void runCliInElectron(cliArgs, dataDir)
} else {
  startDesktopApp()
}

function startDesktopApp(): void {
  registerAppScheme()
  // One instance per data folder: a second launch focuses the window that is already open.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  app.on('window-all-closed', () => app.quit())
  // Everything that can fail at start (native modules, the data folder, the history, the emulator's
  // port) fails inside this chain and ends in one dialog and a non-zero exit.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failStartup(error, dataDir))
}

async function start(): Promise<void> {
  // Loaded here, not at the top: libsql and the keychain modules are native and may fail to load.
  const [{ createServices }, { createDispatch }] = await Promise.all([
    import('../services'),
    import('../dispatch/create-dispatch'),
  ])
  const services = await createServices({
    dataDir,
    mode: 'electron',
    versions: { electron: process.versions.electron, chrome: process.versions.chrome },
    osLanguage: app.getLocale().startsWith('zh') ? 'zh-CN' : 'en-US',
  })
  try {
    openConsole(services, createDispatch(services))
  } catch (error) {
    await services.close()
    throw error
  }
}

function openConsole(services: Services, dispatch: Dispatch): void {
  closeBeforeQuit(
    () => services.close(),
    (error) => services.log.error('closing failed:', error),
  )
  installPermissionHandlers(session.defaultSession, rendererOrigin)
  installMenu({ dataDir, logsDir: logsDirOf(dataDir) })
  serveRenderer(rendererDir)
  registerIpc(dispatch, services.events, rendererOrigin)
  createMainWindow(preloadPath)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath)
  })
}
