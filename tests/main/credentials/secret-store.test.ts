import { afterEach, describe, expect, it } from 'vitest'
import { createSecretStore } from '../../../src-main/credentials/create-secret-store'
import { probeKeychain } from '../../../src-main/credentials/keychain-status'
import { moveSecrets } from '../../../src-main/credentials/move-secrets'
import type { SecretStore } from '../../../src-main/credentials/secret-store'
import { announceKeychainSkip, KEYCHAIN_REACHABLE, removeAllEntries, testServiceName } from './keychain-session'

announceKeychainSkip('the keychain round-trip tests')

const BACKENDS = ['keytar', 'napi-keyring'] as const
const created: SecretStore[] = []

function freshStore(backend: (typeof BACKENDS)[number]): SecretStore {
  const store = createSecretStore(backend, testServiceName())
  created.push(store)
  return store
}

afterEach(async () => {
  for (const store of created.splice(0)) await removeAllEntries(store)
})

describe.skipIf(!KEYCHAIN_REACHABLE).each(BACKENDS)('%s store against the real keychain', (backend) => {
  it('reports the backend it uses', () => {
    expect(freshStore(backend).backend).toBe(backend)
  })

  it('stores, reads back, updates and deletes a value', async () => {
    const store = freshStore(backend)
    expect(await store.get('profile:a')).toBeNull()
    await store.set('profile:a', 'first value')
    expect(await store.get('profile:a')).toBe('first value')
    await store.set('profile:a', 'second value')
    expect(await store.get('profile:a')).toBe('second value')
    expect(await store.delete('profile:a')).toBe(true)
    expect(await store.get('profile:a')).toBeNull()
    expect(await store.delete('profile:a')).toBe(false)
  })

  it('lists the accounts of its service only', async () => {
    const store = freshStore(backend)
    const neighbour = freshStore(backend)
    await store.set('profile:a', 'a')
    await store.set('profile:b', 'b')
    await neighbour.set('profile:c', 'c')
    expect((await store.listAccounts()).sort()).toEqual(['profile:a', 'profile:b'])
    expect(await neighbour.listAccounts()).toEqual(['profile:c'])
    expect(await neighbour.get('profile:a')).toBeNull()
  })

  it('keeps two accounts apart', async () => {
    const store = freshStore(backend)
    await store.set('profile:one', 'value one')
    await store.set('profile:two', 'value two')
    expect(await store.get('profile:one')).toBe('value one')
    expect(await store.get('profile:two')).toBe('value two')
    await store.delete('profile:one')
    expect(await store.get('profile:two')).toBe('value two')
    expect(await store.listAccounts()).toEqual(['profile:two'])
  })

  it('keeps unicode and 4 KB values intact', async () => {
    const store = freshStore(backend)
    const unicode = '密钥 ключ 🔑 café\u0301 "quoted" \\ back\\slash'
    const long = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(33 + (i % 94))).join('')
    await store.set('profile:unicode', unicode)
    await store.set('profile:long', long)
    expect(await store.get('profile:unicode')).toBe(unicode)
    expect(await store.get('profile:long')).toBe(long)
    expect((await store.get('profile:long'))?.length).toBe(4096)
  })

  it('is reported available, and its check leaves no entry behind', async () => {
    const store = freshStore(backend)
    expect(await probeKeychain(store)).toEqual({ available: true, backend, problem: null, fix: null })
    expect(await store.listAccounts()).toEqual([])
  })
})

describe.skipIf(!KEYCHAIN_REACHABLE)('moving secrets between the two backends', () => {
  it('copies every entry to the other backend and removes it from the first', async () => {
    const service = testServiceName()
    const keytarStore = createSecretStore('keytar', service)
    const napiStore = createSecretStore('napi-keyring', service)
    created.push(keytarStore, napiStore)
    await keytarStore.set('profile:a', '{"appSecret":"s-a"}')
    await keytarStore.set('profile:b', '{"accessToken":"t-b"}')
    // The libraries do not read each other's entries: that is why a move is needed at all.
    expect(await napiStore.get('profile:a')).toBeNull()

    expect(await moveSecrets(keytarStore, napiStore)).toBe(2)

    expect((await napiStore.listAccounts()).sort()).toEqual(['profile:a', 'profile:b'])
    expect(await napiStore.get('profile:b')).toBe('{"accessToken":"t-b"}')
    // Read back one by one: keytar's findCredentials can crash the process once @napi-rs/keyring has
    // been used in it (see SwitchableSecretStore), so the console never lists keytar after that.
    expect(await keytarStore.get('profile:a')).toBeNull()
    expect(await keytarStore.get('profile:b')).toBeNull()
  })
})
