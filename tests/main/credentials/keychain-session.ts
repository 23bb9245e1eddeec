import { randomUUID } from 'node:crypto'
import type { SecretStore } from '../../../src-main/credentials/secret-store'

/**
 * Keychain tests need a real Secret Service on Linux: run them through
 * `scripts/with-keyring.sh npx vitest run ...`, which starts a private D-Bus session with gnome-keyring.
 */
export const KEYCHAIN_REACHABLE = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)

export const KEYCHAIN_SKIP_REASON =
  'no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset), so no Secret Service: run these tests through scripts/with-keyring.sh'

/** Says why keychain tests are skipped, once per file, where a plain `npx vitest run` shows it. */
export function announceKeychainSkip(what: string): void {
  if (!KEYCHAIN_REACHABLE) console.warn(`Skipping ${what}: ${KEYCHAIN_SKIP_REASON}.`)
}

/** A service name of its own for each test, so tests never see each other's entries or the app's. */
export function testServiceName(): string {
  return `GenAuth SMS Console test ${randomUUID()}`
}

export async function removeAllEntries(store: SecretStore): Promise<void> {
  for (const account of await store.listAccounts()) await store.delete(account)
}
