import { describe, expect, it } from 'vitest'
import type { KeychainBackend } from '../../../src-main/shared/contract'
import { SwitchableSecretStore } from '../../../src-main/credentials/switchable-secret-store'
import type { SecretStore } from '../../../src-main/credentials/secret-store'

/** An in-memory store: this test is about the switching rules, the real keychains are tested elsewhere. */
function memoryStore(backend: KeychainBackend, entries: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(entries))
  return {
    backend,
    serviceName: 'test',
    get: async (account) => values.get(account) ?? null,
    set: async (account, value) => void values.set(account, value),
    delete: async (account) => values.delete(account),
    listAccounts: async () => [...values.keys()],
  }
}

describe('SwitchableSecretStore', () => {
  it('moves the entries to the new backend and uses it from then on', async () => {
    const keytar = memoryStore('keytar', { 'profile:a': 'secret' })
    const napi = memoryStore('napi-keyring')
    const store = new SwitchableSecretStore(keytar)
    expect(await store.switchTo('napi-keyring', () => napi)).toBe(1)
    expect(store.backend).toBe('napi-keyring')
    expect(await store.get('profile:a')).toBe('secret')
    expect(await keytar.listAccounts()).toEqual([])
  })

  it('asks for a restart before leaving keytar once @napi-rs/keyring has been used in this process', async () => {
    const store = new SwitchableSecretStore(memoryStore('keytar', { 'profile:a': 'secret' }))
    await store.switchTo('napi-keyring', () => memoryStore('napi-keyring'))
    await store.switchTo('keytar', () => memoryStore('keytar'))
    await expect(store.switchTo('napi-keyring', () => memoryStore('napi-keyring'))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Restart the console'),
    })
    // Nothing moved: the secret is still where it was.
    expect(store.backend).toBe('keytar')
    expect(await store.get('profile:a')).toBe('secret')
  })
})
