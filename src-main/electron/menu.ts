import { mkdirSync } from 'node:fs'
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  Menu,
  shell,
  type MenuItemConstructorOptions,
  type MessageBoxOptions,
} from 'electron'
import { aboutDetail, aboutTitle, type AboutInfo } from './about'

export interface MenuFolders {
  dataDir: string
  logsDir: string
}

/** Installs the application menu: the platform's usual menus plus the app's folders and About. */
export function installMenu(folders: MenuFolders): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(folders)))
}

function menuTemplate(folders: MenuFolders): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: `About ${app.name}`, click: () => void showAbout(folders) }
  const folderItems: MenuItemConstructorOptions[] = [
    { label: 'Open Data Folder', click: () => void openFolder(folders.dataDir) },
    { label: 'Open Logs Folder', click: () => void openFolder(folders.logsDir) },
  ]

  const appMenu: MenuItemConstructorOptions = {
    label: app.name,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  }
  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [...folderItems, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
  }
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      // Developer tools only in development: a packaged build has no use for them.
      ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: isMac ? folderItems : [...folderItems, { type: 'separator' }, about],
  }

  return [...(isMac ? [appMenu] : []), fileMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }, helpMenu]
}

async function openFolder(folder: string): Promise<void> {
  let failure: string
  try {
    // The logs folder appears with the first log line; opening it should not fail before that.
    mkdirSync(folder, { recursive: true })
    failure = await shell.openPath(folder)
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error)
  }
  if (failure) dialog.showErrorBox('Could not open the folder', `${folder}\n\n${failure}`)
}

async function showAbout(folders: MenuFolders): Promise<void> {
  const info: AboutInfo = {
    productName: app.name,
    version: app.getVersion(),
    versions: process.versions,
    platform: process.platform,
    arch: process.arch,
    ...folders,
  }
  const title = aboutTitle(info)
  const detail = aboutDetail(info)
  const options: MessageBoxOptions = {
    type: 'info',
    title: `About ${app.name}`,
    message: title,
    detail,
    buttons: ['Copy', 'OK'],
    defaultId: 1,
    cancelId: 1,
  }
  const window = BrowserWindow.getFocusedWindow()
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  // "Copy" puts the text on the clipboard for a bug report.
  if (response === 0) clipboard.writeText(`${title}\n${detail}`)
}
