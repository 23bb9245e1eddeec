import { join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import { DATA_DIR_VARIABLE, logsDirOf } from '../app-paths'
import { createServices, type Services } from '../services'
import { cliArgsFromElectronArgv } from '../cli/electron-argv'
import { guardStdout } from '../cli/output-guard'
import { runCli } from '../cli/run-cli'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { registerIpc } from './ipc'
import { installMenu } from './menu'
import { createMainWindow, preloadPath, rendererOrigin } from './window'

// `<app> --cli <command>` runs the command-line companion on the app's data folder and keychain, with
// no window, before the single-instance lock (which would only focus a running window).
const cliArgs = cliArgsFromElectronArgv(process.argv)
if (cliArgs) {
  app.dock?.hide()
  const stdout = guardStdout(process.stdout, process.stderr)
  void runCli(cliArgs, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    dataDir: process.env[DATA_DIR_VARIABLE] ?? app.getPath('userData'),
  }).then((code) => process.stdout.write('', () => app.exit(stdout.exitCode(code))))
} else {
  startDesktopApp()
}

function startDesktopApp(): void {
  registerAppScheme()
  // One instance at a time: a second launch focuses the window that is already open.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
  } else {
    app.on('second-instance', () => {
      const [window] = BrowserWindow.getAllWindows()
      if (window) {
        if (window.isMinimized()) window.restore()
        window.focus()
      }
    })
    app.whenReady().then(start, (error: unknown) => {
      console.error(error)
      app.exit(1)
    })
  }
}

let services: Services | null = null

async function start(): Promise<void> {
  const dataDir = process.env[DATA_DIR_VARIABLE] ?? app.getPath('userData')
  services = await createServices({
    dataDir,
    mode: 'electron',
    versions: { electron: process.versions.electron, chrome: process.versions.chrome },
    osLanguage: app.getLocale().startsWith('zh') ? 'zh-CN' : 'en-US',
  })

  // The console needs no camera, notifications or other permissions: deny every request and check.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  installMenu({ dataDir, logsDir: logsDirOf(dataDir) })
  serveRenderer(join(__dirname, '../renderer'))
  registerIpc(services.dispatch, services.events, rendererOrigin)
  createMainWindow(preloadPath())
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app.on('window-all-closed', () => {
  app.quit()
})

app.on('activate', () => {
  if (services && BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath())
})

app.on('will-quit', () => {
  void services?.close()
})
