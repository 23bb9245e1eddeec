import { randomUUID } from 'node:crypto'
import type { KeychainStatus } from '../shared/contract'
import { KeychainUnavailableError } from './keychain-errors'
import { PROBE_ACCOUNT_PREFIX, type SecretStore } from './secret-store'

/**
 * Whether the keychain works right now, found by writing, reading back and removing a throwaway entry:
 * only a write tells a locked keyring apart from an empty one with every backend.
 */
export async function probeKeychain(store: SecretStore): Promise<KeychainStatus> {
  const account = `${PROBE_ACCOUNT_PREFIX}${randomUUID()}`
  const value = randomUUID()
  try {
    await store.set(account, value)
    const readBack = await store.get(account)
    await store.delete(account)
    if (readBack !== value) {
      return unavailable(
        store,
        'The OS keychain did not return the value just stored in it.',
        'Restart the keychain service (or log out and in again), then retry.',
      )
    }
    return { available: true, backend: store.backend, problem: null, fix: null }
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return unavailable(store, error.problem, error.fix)
    throw error
  }
}

function unavailable(store: SecretStore, problem: string, fix: string): KeychainStatus {
  return { available: false, backend: store.backend, problem, fix }
}
