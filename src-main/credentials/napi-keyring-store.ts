import type * as NapiKeyringModule from '@napi-rs/keyring'
import { keychainCall, lazyNativeModule } from './native-module'
import { isProbeAccount, KEYCHAIN_SERVICE, type SecretStore } from './secret-store'

type NapiKeyring = typeof NapiKeyringModule

// Without the pin, @napi-rs/keyring silently falls back to the kernel keyring when no Secret Service
// answers: secrets would live in memory only and vanish at reboot.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const

/** The alternative backend: @napi-rs/keyring (keyring-rs), pinned to the Secret Service on Linux. */
export class NapiKeyringStore implements SecretStore {
  readonly backend = 'napi-keyring' as const
  private readonly keyring: () => Promise<NapiKeyring>

  constructor(
    readonly serviceName: string = KEYCHAIN_SERVICE,
    load: () => Promise<unknown> = () => import('@napi-rs/keyring'),
  ) {
    this.keyring = lazyNativeModule<NapiKeyring>('@napi-rs/keyring', load)
  }

  async get(account: string): Promise<string | null> {
    const keyring = await this.keyring()
    return this.call(() => this.entry(keyring, account).getPassword())
  }

  async set(account: string, value: string): Promise<void> {
    const keyring = await this.keyring()
    await this.call(() => this.entry(keyring, account).setPassword(value), value)
  }

  async delete(account: string): Promise<boolean> {
    const keyring = await this.keyring()
    return this.call(() => this.entry(keyring, account).deleteCredential())
  }

  async listAccounts(): Promise<string[]> {
    const keyring = await this.keyring()
    const credentials = await this.call(() => keyring.findCredentialsAsync(this.serviceName))
    return credentials.map((credential) => credential.account).filter((account) => !isProbeAccount(account))
  }

  // The constructor itself throws when the pinned store is unreachable, so it runs inside the call.
  private entry(keyring: NapiKeyring, account: string) {
    return new keyring.AsyncEntry(this.serviceName, account, ENTRY_OPTIONS)
  }

  private call<T>(operation: () => Promise<T>, secret?: string): Promise<T> {
    return keychainCall(operation, secret)
  }
}
