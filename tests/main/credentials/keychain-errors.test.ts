import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConsoleError } from '../../../src-main/shared/contract'
import { describeKeychainError, keychainFailure } from '../../../src-main/credentials/keychain-errors'
import { probeKeychain } from '../../../src-main/credentials/keychain-status'
import { KeytarStore } from '../../../src-main/credentials/keytar-store'
import { NapiKeyringStore } from '../../../src-main/credentials/napi-keyring-store'

// Raw messages as the libraries print them (seen with keytar 7.9 and @napi-rs/keyring 2.1 on Linux).
const RAW = {
  noSession: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  noSessionNapi:
    'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
  noSessionZbus:
    'zbus error: Failed to connect to address `unix:path=/run/user/1000/bus`: No such file or directory (os error 2)',
  noService: 'The name org.freedesktop.secrets was not provided by any .service files',
  locked: 'Cannot create an item in a locked collection',
  lockedNapi: "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
  noCollection: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
}

describe('describeKeychainError', () => {
  it.each([
    [RAW.noSession, /no D-Bus session bus/],
    [RAW.noSessionNapi, /no D-Bus session bus/],
    [RAW.noSessionZbus, /no D-Bus session bus/],
    [RAW.noService, /no Secret Service/],
    [RAW.locked, /is locked/],
    [RAW.lockedNapi, /is locked/],
    [RAW.noCollection, /no default keyring/],
  ])('names the cause of "%s"', (raw, problem) => {
    expect(describeKeychainError(new Error(raw), 'linux').problem).toMatch(problem)
  })

  it('reads the cause chain of nested errors', () => {
    const nested = new Error('Platform failure', { cause: new Error(RAW.noService) })
    expect(describeKeychainError(nested, 'linux').problem).toMatch(/no Secret Service/)
  })

  it('gives the fix for the user’s OS', () => {
    const locked = new Error(RAW.locked)
    expect(describeKeychainError(locked, 'linux').fix).toMatch(/login keyring/)
    expect(describeKeychainError(new Error('User interaction is not allowed.'), 'darwin')).toEqual({
      problem: 'The OS keychain is locked.',
      fix: expect.stringMatching(/Keychain Access/),
    })
    expect(describeKeychainError(new Error('Something failed'), 'win32').fix).toMatch(/Credential Manager/)
    expect(describeKeychainError(new Error(RAW.noService), 'linux').fix).toMatch(/gnome-keyring|KWallet/)
  })

  it('explains Windows’ size limit', () => {
    expect(describeKeychainError(new Error('The stub received bad data.'), 'win32').problem).toMatch(/2,560 bytes/)
  })

  it('quotes an unknown error so it can still be reported', () => {
    expect(describeKeychainError(new Error('strange failure\nsecond line'), 'linux').problem).toBe(
      'The OS keychain could not be used. (strange failure)',
    )
  })
})

describe('keychainFailure', () => {
  it('is a keychain-unavailable ConsoleError carrying the cause and the fix', () => {
    const error = keychainFailure(new Error(RAW.locked))
    expect(error).toBeInstanceOf(ConsoleError)
    expect(error.code).toBe('keychain-unavailable')
    expect(error.message).toBe(`${error.problem} ${error.fix}`)
  })

  it('never repeats the secret being written, even when the library echoes it', () => {
    const error = keychainFailure(new Error('rejected value hunter2-secret'), 'hunter2-secret')
    expect(error.message).not.toContain('hunter2-secret')
    expect(error.message).toContain('[secret]')
  })

  it('scrubs a long secret before shortening the message', () => {
    const secret = 'k'.repeat(250) + 'z'.repeat(250)
    const error = keychainFailure(new Error(`${'x'.repeat(100)} rejected ${secret}`), secret)
    expect(error.message).not.toMatch(/kkkkkkkkkk|zzzzzzzzzz/)
  })
})

describe('a backend whose native module cannot be loaded', () => {
  // A native binary that is not one: what a half-finished install or a wrong-platform copy leaves.
  const folder = mkdtempSync(join(tmpdir(), 'broken-native-'))
  const binary = join(folder, 'keyring.node')
  writeFileSync(binary, 'not a shared library')
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  const broken = async () => createRequire(__filename)(binary) as unknown

  it.each([
    ['keytar', new KeytarStore('unused', broken)],
    ['napi-keyring', new NapiKeyringStore('unused', broken)],
  ] as const)('%s is reported unavailable instead of crashing', async (backend, store) => {
    const status = await probeKeychain(store)
    expect(status).toMatchObject({ available: false, backend, fix: expect.stringMatching(/Reinstall/) })
    expect(status.problem).toMatch(/could not be loaded \(.*(invalid ELF header|too short)/)
    await expect(store.get('profile:x')).rejects.toMatchObject({ code: 'keychain-unavailable' })
  })
})
