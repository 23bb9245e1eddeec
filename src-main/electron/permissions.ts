import type { Session } from 'electron'
import { originOf } from './origin'

/** `navigator.clipboard.writeText` behind the Copy buttons; the console needs no other permission. */
export const CLIPBOARD_WRITE = 'clipboard-sanitized-write'

/**
 * Denies every permission request and check, except writing to the clipboard from the app's own origin.
 * Chromium asks the check handler for the current state and the request handler when a page asks, so
 * both must agree.
 */
export function installPermissionHandlers(session: Session, trustedOrigin: () => string): void {
  const allowed = (permission: string, url: string | undefined): boolean =>
    permission === CLIPBOARD_WRITE && url !== undefined && originOf(url) === trustedOrigin()

  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  )
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin))
}
