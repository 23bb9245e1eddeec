import { ConsoleError, type KeychainBackend } from '../shared/contract'
import { createSecretStore } from './create-secret-store'
import { moveSecrets } from './move-secrets'
import type { SecretStore } from './secret-store'

/**
 * The store the app holds: it forwards to the backend chosen in Settings, and switching moves every
 * entry across first, so the profiles built on it keep their secrets without being rebuilt.
 */
export class SwitchableSecretStore implements SecretStore {
  private readonly used = new Set<KeychainBackend>()

  constructor(private current: SecretStore) {
    this.used.add(current.backend)
  }

  get backend(): KeychainBackend {
    return this.current.backend
  }

  get serviceName(): string {
    return this.current.serviceName
  }

  get(account: string): Promise<string | null> {
    return this.current.get(account)
  }

  set(account: string, value: string): Promise<void> {
    return this.current.set(account, value)
  }

  delete(account: string): Promise<boolean> {
    return this.current.delete(account)
  }

  listAccounts(): Promise<string[]> {
    return this.current.listAccounts()
  }

  /** Moves the entries to the new backend, then uses it; on failure the old backend stays in use. */
  async switchTo(backend: KeychainBackend, create = createSecretStore): Promise<number> {
    if (backend === this.current.backend) return 0
    // Moving away from keytar lists its entries, and keytar's findCredentials was seen to crash the
    // process (a native segfault) once @napi-rs/keyring had talked to the Secret Service from it.
    if (this.current.backend === 'keytar' && this.used.has('napi-keyring')) {
      throw new ConsoleError(
        'conflict',
        'Restart the console before switching the keychain library again: both libraries have been used in this session.',
      )
    }
    const next = create(backend, this.current.serviceName)
    this.used.add(backend)
    const moved = await moveSecrets(this.current, next)
    this.current = next
    return moved
  }
}
