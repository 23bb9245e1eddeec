import { BrowserWindow, shell } from 'electron'
import { APP_ORIGIN } from './app-protocol'
import { originOf } from './origin'

/** The origin the renderer is served from: the dev server while developing, app:// when built. */
export function rendererOrigin(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL
  return devUrl ? (originOf(devUrl) ?? APP_ORIGIN) : APP_ORIGIN
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'GenAuth SMS Console',
    webPreferences: {
      // The preload is the narrow contextBridge surface of src-main/preload/: one function per contract call.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  window.once('ready-to-show', () => window.show())

  // The console never opens windows of its own; http(s) links go to the user's browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Only web links leave the app, in the user's browser; file:, smb: and custom schemes never do.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' }
  })
  // Nothing may navigate the window away from the app's own origin.
  window.webContents.on('will-navigate', (event, url) => {
    if (originOf(url) !== rendererOrigin()) event.preventDefault()
  })
  window.webContents.on('will-redirect', (event, url) => {
    if (originOf(url) !== rendererOrigin()) event.preventDefault()
  })

  const devUrl = process.env.ELECTRON_RENDERER_URL
  void window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)
  return window
}
