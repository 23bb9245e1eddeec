import { resolve } from 'node:path'
import { app } from 'electron'
import { DATA_DIR_VARIABLE } from '../app-paths'

/**
 * The data folder, and Electron's own userData with it. With GENAUTH_SMS_DATA_DIR set, Electron's
 * userData moves there too: the single-instance lock, Chromium's storage and the app's files then all
 * live in that folder, so a second copy on another folder neither locks nor writes the installed app's.
 * Must run before `requestSingleInstanceLock` and before the app is ready.
 */
export function useDataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[DATA_DIR_VARIABLE]
  // Electron accepts absolute paths only.
  if (override) app.setPath('userData', resolve(override))
  return app.getPath('userData')
}
