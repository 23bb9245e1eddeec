import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProfileFields } from '../../../src-main/shared/contract'
import { createSecretStore } from '../../../src-main/credentials/create-secret-store'
import { moveSecrets } from '../../../src-main/credentials/move-secrets'
import type { SecretStore } from '../../../src-main/credentials/secret-store'
import { ProfileService } from '../../../src-main/profiles/profile-service'
import { SettingsStore } from '../../../src-main/settings/settings-store'
import {
  announceKeychainSkip,
  KEYCHAIN_REACHABLE,
  removeAllEntries,
  testServiceName,
} from '../credentials/keychain-session'

announceKeychainSkip('the profile secret tests')

const APP_SECRET = 'app-secret-9d1c6f0e2b'
const ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.access-token-5be2a7'
const staging: ProfileFields = {
  name: 'Staging',
  environment: 'staging',
  appHost: 'https://staging-app.genauth.ai',
  appId: '64f0aa00aa00aa00aa00aa01',
}

let dataDir: string
let store: SecretStore
const stores: SecretStore[] = []

function service(secrets: SecretStore = store): ProfileService {
  return new ProfileService({ dataDir, secrets, clock: () => Date.UTC(2025, 0, 2) })
}

/** Every file of the data folder, as text, to search for secrets. */
function everythingOnDisk(): string {
  return readdirSync(dataDir)
    .map((name) => readFileSync(join(dataDir, name), 'utf8'))
    .join('\n')
}

afterEach(async () => {
  for (const used of stores.splice(0)) await removeAllEntries(used)
  rmSync(dataDir, { recursive: true, force: true })
})

describe.skipIf(!KEYCHAIN_REACHABLE).each(['keytar', 'napi-keyring'] as const)('profile secrets with %s', (backend) => {
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'profile-secrets-'))
    store = createSecretStore(backend, testServiceName())
    stores.push(store)
  })

  it('keeps both secrets in one keychain account, flagged but never shown', async () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    const afterSecret = await profiles.setSecret(id, 'appSecret', APP_SECRET)
    expect(afterSecret).toMatchObject({ hasAppSecret: true, hasAccessToken: false })
    const afterToken = await profiles.setSecret(id, 'accessToken', ACCESS_TOKEN)
    expect(afterToken).toMatchObject({ hasAppSecret: true, hasAccessToken: true })
    expect(JSON.stringify([afterSecret, afterToken, profiles.list(), profiles.get(id)])).not.toMatch(
      /app-secret-|access-token-/,
    )

    expect(await profiles.credentialsFor(id)).toEqual({ appSecret: APP_SECRET, accessToken: ACCESS_TOKEN })
    expect(await store.listAccounts()).toEqual([`profile:${id}`])
    expect(JSON.parse((await store.get(`profile:${id}`))!)).toEqual({
      appSecret: APP_SECRET,
      accessToken: ACCESS_TOKEN,
    })
  })

  it('replaces a secret, and removes the account once both are cleared', async () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    await profiles.setSecret(id, 'appSecret', APP_SECRET)
    await profiles.setSecret(id, 'accessToken', ACCESS_TOKEN)
    await profiles.setSecret(id, 'appSecret', 'rotated-secret')
    expect(await profiles.credentialsFor(id)).toEqual({ appSecret: 'rotated-secret', accessToken: ACCESS_TOKEN })

    expect(await profiles.setSecret(id, 'appSecret', null)).toMatchObject({ hasAppSecret: false, hasAccessToken: true })
    expect(await profiles.credentialsFor(id)).toEqual({ appSecret: null, accessToken: ACCESS_TOKEN })
    await profiles.setSecret(id, 'accessToken', null)
    expect(await store.listAccounts()).toEqual([])
    expect(profiles.get(id)).toMatchObject({ hasAppSecret: false, hasAccessToken: false })
  })

  it('does not lose either secret when both are set at the same moment', async () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    await Promise.all([
      profiles.setSecret(id, 'appSecret', APP_SECRET),
      profiles.setSecret(id, 'accessToken', ACCESS_TOKEN),
    ])
    expect(await profiles.credentialsFor(id)).toEqual({ appSecret: APP_SECRET, accessToken: ACCESS_TOKEN })
    expect(profiles.get(id)).toMatchObject({ hasAppSecret: true, hasAccessToken: true })
  })

  it('duplicates a profile with copies of its secrets, independent of the original', async () => {
    const profiles = service()
    const original = profiles.create(staging)
    await profiles.setSecret(original.id, 'appSecret', APP_SECRET)
    const copy = await profiles.duplicate(original.id)
    expect(copy).toMatchObject({ name: 'Staging (copy)', hasAppSecret: true, hasAccessToken: false })
    expect(await profiles.credentialsFor(copy.id)).toEqual({ appSecret: APP_SECRET, accessToken: null })

    await profiles.setSecret(copy.id, 'appSecret', 'changed-in-copy')
    expect((await profiles.credentialsFor(original.id)).appSecret).toBe(APP_SECRET)
    expect((await store.listAccounts()).sort()).toEqual([`profile:${copy.id}`, `profile:${original.id}`].sort())
  })

  it('deletes the keychain account with the profile, and only that one', async () => {
    const profiles = service()
    const doomed = profiles.create(staging)
    const kept = profiles.create({ ...staging, name: 'Kept' })
    await profiles.setSecret(doomed.id, 'appSecret', APP_SECRET)
    await profiles.setSecret(doomed.id, 'accessToken', ACCESS_TOKEN)
    await profiles.setSecret(kept.id, 'accessToken', 'kept-token')

    await profiles.delete(doomed.id)
    expect(await store.listAccounts()).toEqual([`profile:${kept.id}`])
    expect(await store.get(`profile:${doomed.id}`)).toBeNull()
    expect(await profiles.credentialsFor(kept.id)).toEqual({ appSecret: null, accessToken: 'kept-token' })
  })

  it('writes no secret to the data folder or to an export', async () => {
    const settings = new SettingsStore(dataDir)
    settings.update({ theme: 'dark' })
    const profiles = service()
    const { id } = profiles.create(staging)
    await profiles.setSecret(id, 'appSecret', APP_SECRET)
    await profiles.setSecret(id, 'accessToken', ACCESS_TOKEN)
    await profiles.duplicate(id)

    expect(readdirSync(dataDir).sort()).toEqual(['profiles.json', 'settings.json'])
    const onDisk = everythingOnDisk()
    expect(onDisk).toContain(staging.appId)
    expect(onDisk).not.toContain(APP_SECRET)
    expect(onDisk).not.toContain(ACCESS_TOKEN)

    const exported = profiles.exportJson()
    expect(JSON.parse(exported).profiles).toHaveLength(2)
    expect(exported).not.toContain(APP_SECRET)
    expect(exported).not.toContain(ACCESS_TOKEN)
    expect(exported).not.toMatch(/hasAppSecret|appSecret|accessToken/)
  })

  it('finds the secrets again from a new service on the same folder', async () => {
    const { id } = service().create(staging)
    await service().setSecret(id, 'appSecret', APP_SECRET)
    const reopened = service()
    expect(reopened.get(id).hasAppSecret).toBe(true)
    expect(await reopened.credentialsFor(id)).toEqual({ appSecret: APP_SECRET, accessToken: null })
  })

  it('corrects its flags when the entry was removed behind its back', async () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    await profiles.setSecret(id, 'appSecret', APP_SECRET)
    await store.delete(`profile:${id}`)
    expect(await profiles.credentialsFor(id)).toEqual({ appSecret: null, accessToken: null })
    expect(profiles.get(id).hasAppSecret).toBe(false)
  })
})

describe.skipIf(!KEYCHAIN_REACHABLE)('switching the keychain backend', () => {
  it('finds the secrets in the new backend once they are moved', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'profile-secrets-'))
    const serviceName = testServiceName()
    const keytarStore = createSecretStore('keytar', serviceName)
    const napiStore = createSecretStore('napi-keyring', serviceName)
    stores.push(keytarStore, napiStore)
    const { id } = service(keytarStore).create(staging)
    await service(keytarStore).setSecret(id, 'accessToken', ACCESS_TOKEN)

    await moveSecrets(keytarStore, napiStore)
    const switched = service(napiStore)
    expect((await switched.refreshSecretFlags()).profiles.find((profile) => profile.id === id)).toMatchObject({
      hasAccessToken: true,
    })
    expect(await switched.credentialsFor(id)).toEqual({ appSecret: null, accessToken: ACCESS_TOKEN })
    expect(await keytarStore.listAccounts()).toEqual([])
  })
})
