import { ConsoleError } from '../shared/contract'
import { normalizeAppHost } from '../genauth/app-host'
import { EMBEDDED_EMULATOR_HOST } from './local-sandbox'

/**
 * Refuses an application host that cannot be sent to, with the same rules the GenAuth client applies
 * at send time, so a bad host is caught when the profile is saved rather than at the first send.
 * Returns the host as the URL parser reads it: that, not what was typed, is what gets stored.
 */
export function checkAppHost(appHost: string): string {
  if (appHost.trim().toLowerCase() === EMBEDDED_EMULATOR_HOST) {
    throw new ConsoleError('invalid-host', `"${EMBEDDED_EMULATOR_HOST}" is reserved for the built-in Local sandbox.`)
  }
  return normalizeAppHost(appHost)
}
