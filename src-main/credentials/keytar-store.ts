import { randomUUID } from 'node:crypto'
import type * as KeytarModule from 'keytar'
import { keychainCall, lazyNativeModule } from './native-module'
import { isProbeAccount, KEYCHAIN_SERVICE, PROBE_ACCOUNT_PREFIX, type SecretStore } from './secret-store'

type Keytar = typeof KeytarModule

/** The default backend: keytar (libsecret on Linux, Keychain on macOS, Credential Manager on Windows). */
export class KeytarStore implements SecretStore {
  readonly backend = 'keytar' as const
  private readonly keytar: () => Promise<Keytar>

  constructor(
    readonly serviceName: string = KEYCHAIN_SERVICE,
    load: () => Promise<unknown> = () => import('keytar'),
  ) {
    this.keytar = lazyNativeModule<Keytar>('keytar', load)
  }

  async get(account: string): Promise<string | null> {
    const keytar = await this.keytar()
    const value = await this.call(() => keytar.getPassword(this.serviceName, account))
    if (value === null) await this.confirmReachable(keytar)
    return value
  }

  async set(account: string, value: string): Promise<void> {
    const keytar = await this.keytar()
    await this.call(() => keytar.setPassword(this.serviceName, account, value), value)
  }

  async delete(account: string): Promise<boolean> {
    const keytar = await this.keytar()
    const deleted = await this.call(() => keytar.deletePassword(this.serviceName, account))
    if (!deleted) await this.confirmReachable(keytar)
    return deleted
  }

  async listAccounts(): Promise<string[]> {
    const keytar = await this.keytar()
    // Checked first: libsecret's listing crashes the process (SIGSEGV) on a locked collection.
    await this.confirmReachable(keytar)
    const credentials = await this.call(() => keytar.findCredentials(this.serviceName))
    return credentials.map((credential) => credential.account).filter((account) => !isProbeAccount(account))
  }

  /**
   * On Linux libsecret answers a locked collection as if the entry were absent (get → null,
   * delete → false). A write is refused with a clear error there, so a throwaway write tells the two apart.
   */
  private async confirmReachable(keytar: Keytar): Promise<void> {
    if (process.platform !== 'linux') return
    const probe = `${PROBE_ACCOUNT_PREFIX}${randomUUID()}`
    await this.call(() => keytar.setPassword(this.serviceName, probe, randomUUID()))
    await this.call(() => keytar.deletePassword(this.serviceName, probe))
  }

  private call<T>(operation: () => Promise<T>, secret?: string): Promise<T> {
    return keychainCall(operation, secret)
  }
}
