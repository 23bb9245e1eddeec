import type { KeychainBackend } from '../shared/contract'
import { KeytarStore } from './keytar-store'
import { NapiKeyringStore } from './napi-keyring-store'
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store'

/** The store for the backend chosen in Settings; nothing native is loaded until its first use. */
export function createSecretStore(backend: KeychainBackend, serviceName: string = KEYCHAIN_SERVICE): SecretStore {
  return backend === 'napi-keyring' ? new NapiKeyringStore(serviceName) : new KeytarStore(serviceName)
}
