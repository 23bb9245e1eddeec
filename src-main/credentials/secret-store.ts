import type { KeychainBackend } from '../shared/contract'

/** The one keychain service every entry of the app is filed under. */
export const KEYCHAIN_SERVICE = 'GenAuth SMS Console'

/**
 * Accounts written and removed again by checks of the keychain; never hold anything the user entered.
 * Each check adds a random suffix so concurrent checks do not disturb each other.
 */
export const PROBE_ACCOUNT_PREFIX = 'keychain-probe:'

export function isProbeAccount(account: string): boolean {
  return account.startsWith(PROBE_ACCOUNT_PREFIX)
}

/**
 * Secrets in the OS keychain, under one service. Every failure of the keychain itself is thrown as a
 * `KeychainUnavailableError` (code `keychain-unavailable`); `get` answering null means the entry is absent.
 */
export interface SecretStore {
  readonly backend: KeychainBackend
  readonly serviceName: string
  get(account: string): Promise<string | null>
  set(account: string, value: string): Promise<void>
  /** True when an entry was removed, false when there was none. */
  delete(account: string): Promise<boolean>
  listAccounts(): Promise<string[]>
}
