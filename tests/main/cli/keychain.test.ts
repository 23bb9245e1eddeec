import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProfileList, SendOutcome } from '../../../src-main/shared/contract'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import { announceKeychainSkip, KEYCHAIN_REACHABLE } from '../credentials/keychain-session'
import { cliProcess, freshDataDir, removeDataDir, withAppServices } from './cli-harness'

announceKeychainSkip('the CLI tests with a token stored in the keychain')

describe.skipIf(!KEYCHAIN_REACHABLE)('sends through a profile whose token is in the keychain', () => {
  let dataDir: string
  let emulator: RunningEmulator
  const authorizationsOnTheWire: string[] = []
  let profileId: string
  const storedToken = `stored-token-${Date.now()}`
  const envToken = `env-token-${Date.now()}`

  beforeAll(async () => {
    dataDir = freshDataDir()
    emulator = await startEmulator({
      port: 0,
      appIds: ['keychain-app'],
      cooldownMs: 0,
      onRequest: (request) => authorizationsOnTheWire.push(request.headers.authorization ?? ''),
    })
    profileId = await withAppServices(dataDir, async (services) => {
      const profile = await services.profiles.create({
        name: 'Staging',
        environment: 'staging',
        appHost: emulator.url,
        appId: 'keychain-app',
      })
      await services.profiles.setSecret(profile.id, 'accessToken', storedToken)
      services.profiles.setActive(profile.id)
      return profile.id
    })
  })

  afterAll(async () => {
    // Deleting the profile removes its keychain entry too.
    await withAppServices(dataDir, (services) => services.profiles.delete(profileId))
    await emulator.close()
    removeDataDir(dataDir)
  })

  it('uses the stored token by default and the GENAUTH_ACCESS_TOKEN one with --token-from-env', async () => {
    const list = ProfileList.parse(JSON.parse((await cliProcess(['profiles', 'list', '--json'], dataDir)).stdout))
    expect(list.activeId).toBe(profileId)
    expect(list.profiles.find((profile) => profile.id === profileId)).toMatchObject({ hasAccessToken: true })

    const stored = await cliProcess(['send', '--channel', 'bind_phone', '--phone', '13800138000', '--json'], dataDir)
    expect(stored.code).toBe(0)
    const fromEnv = await cliProcess(
      ['send', '--channel', 'unbind_phone', '--phone', '13800138000', '--token-from-env', '--json'],
      dataDir,
      { GENAUTH_ACCESS_TOKEN: envToken },
    )
    expect(fromEnv.code).toBe(0)

    expect(authorizationsOnTheWire).toEqual([storedToken, envToken])
    for (const run of [stored, fromEnv]) {
      expect(SendOutcome.parse(JSON.parse(run.stdout)).result.request.headers.authorization).toBe('[redacted]')
      expect(run.stdout + run.stderr).not.toMatch(/stored-token|env-token/)
    }
    const database = readFileSync(join(dataDir, 'history.db'))
    expect(database.includes(storedToken) || database.includes(envToken)).toBe(false)
  })
})
