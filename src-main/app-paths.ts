import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'GenAuth SMS Console'
export const DATA_DIR_VARIABLE = 'GENAUTH_SMS_DATA_DIR'

/**
 * Where Electron keeps this app's user data (`app.getPath('userData')`), computed without Electron so
 * browser mode and the CLI share the desktop app's folder. GENAUTH_SMS_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const override = env[DATA_DIR_VARIABLE]
  if (override) return override
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

export function logsDirOf(dataDir: string): string {
  return join(dataDir, 'logs')
}
