import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProfileFields } from '../../../src-main/shared/contract'
import { KeytarStore } from '../../../src-main/credentials/keytar-store'
import { ProfileService } from '../../../src-main/profiles/profile-service'
import { DataWarnings } from '../../../src-main/settings/data-warnings'

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 678)
let dataDir: string

// A keychain whose native module cannot load: every profile operation that needs no secret must work
// without touching it, and any that does touch it fails loudly.
const noKeychain = new KeytarStore('unused', async () => {
  throw new Error('keychain deliberately absent')
})

/** The warnings every process sharing the folder shows, as recorded in the folder. */
const warnings = () => new DataWarnings(dataDir).list().map((warning) => warning.message)

function service(): ProfileService {
  return new ProfileService({ dataDir, secrets: noKeychain, clock: () => NOW })
}

const staging: ProfileFields = {
  name: 'Staging',
  environment: 'staging',
  appHost: 'https://staging-app.genauth.ai',
  appId: '64f0aa00aa00aa00aa00aa01',
  language: 'zh-CN',
  timeoutMs: 15_000,
}
const production: ProfileFields = {
  name: 'Production',
  environment: 'production',
  appHost: 'https://prod-app.genauth.ai',
  appId: '64f0aa00aa00aa00aa00aa02',
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'profiles-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const profilesFile = () => join(dataDir, 'profiles.json')

describe('the built-in Local sandbox', () => {
  it('exists from the first start, active, sending to the embedded emulator', () => {
    expect(service().list()).toEqual({
      activeId: 'local-sandbox',
      profiles: [
        {
          id: 'local-sandbox',
          name: 'Local sandbox',
          environment: 'sandbox',
          appHost: 'embedded-emulator',
          appId: 'local-sandbox-app',
          language: 'auto',
          timeoutMs: 10_000,
          headerFamily: 'both',
          builtIn: true,
          hasAppSecret: false,
          hasAccessToken: false,
        },
      ],
    })
  })

  it('cannot be deleted or duplicated', async () => {
    const profiles = service()
    await expect(profiles.delete('local-sandbox')).rejects.toMatchObject({ code: 'conflict' })
    await expect(profiles.duplicate('local-sandbox')).rejects.toMatchObject({ code: 'conflict' })
    expect(profiles.list().profiles).toHaveLength(1)
  })

  it('keeps its host and environment, while its other fields can change', () => {
    const profiles = service()
    const sandbox = profiles.get('local-sandbox')
    const fields = {
      name: sandbox.name,
      environment: sandbox.environment,
      appHost: sandbox.appHost,
      appId: sandbox.appId,
    }
    expect(() => profiles.update('local-sandbox', { ...fields, appHost: 'https://my-app.genauth.ai' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    )
    expect(() => profiles.update('local-sandbox', { ...fields, environment: 'production' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    )
    const renamed = profiles.update('local-sandbox', {
      ...fields,
      name: 'My sandbox',
      language: 'en-US',
      timeoutMs: 3000,
    })
    expect(renamed).toMatchObject({
      id: 'local-sandbox',
      name: 'My sandbox',
      language: 'en-US',
      timeoutMs: 3000,
      builtIn: true,
    })
    expect(service().get('local-sandbox').name).toBe('My sandbox')
  })
})

describe('profile CRUD', () => {
  it('creates a profile with a new id and the defaults of omitted fields', () => {
    const profiles = service()
    const created = profiles.create(production)
    expect(created).toEqual({
      ...production,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      language: 'auto',
      timeoutMs: 10_000,
      headerFamily: 'both',
      builtIn: false,
      hasAppSecret: false,
      hasAccessToken: false,
    })
    expect(profiles.get(created.id)).toEqual(created)
    expect(profiles.list().profiles.map((profile) => profile.name)).toEqual(['Local sandbox', 'Production'])
  })

  it('stores the header family, and reads a profile saved before the setting existed as "both"', () => {
    const profiles = service()
    const genauthOnly = profiles.create({ ...staging, headerFamily: 'genauth' })
    expect(service().get(genauthOnly.id).headerFamily).toBe('genauth')
    expect(JSON.parse(readFileSync(profilesFile(), 'utf8')).profiles[1].headerFamily).toBe('genauth')

    const file = JSON.parse(readFileSync(profilesFile(), 'utf8'))
    delete file.profiles[1].headerFamily
    writeFileSync(profilesFile(), JSON.stringify(file))
    expect(service().get(genauthOnly.id)).toMatchObject({ name: 'Staging', headerFamily: 'both' })
    expect(() => profiles.create({ ...production, headerFamily: 'x-custom' as never })).toThrow(/profile fields/)
  })

  it('updates every field of a profile', () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    const updated = profiles.update(id, { ...production, name: 'Renamed' })
    expect(updated).toMatchObject({ ...production, name: 'Renamed', id, language: 'auto', timeoutMs: 10_000 })
    expect(profiles.get(id)).toEqual(updated)
  })

  it('refuses invalid fields, a bad host and a taken name', () => {
    const profiles = service()
    profiles.create(staging)
    expect(() => profiles.create({ ...production, name: '  ' })).toThrow(
      expect.objectContaining({ code: 'invalid-input', issues: [expect.objectContaining({ path: 'name' })] }),
    )
    expect(() => profiles.create({ ...production, timeoutMs: 10 })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    )
    expect(() => profiles.create({ ...production, appHost: 'http://prod-app.genauth.ai' })).toThrow(
      expect.objectContaining({ code: 'invalid-host' }),
    )
    expect(() => profiles.create({ ...production, name: 'STAGING ' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    )
    expect(profiles.list().profiles).toHaveLength(2)
  })

  it('stores the host as the URL parser reads it, not as typed', () => {
    const profiles = service()
    const created = profiles.create({ ...production, appHost: 'HTTPS://Prod-App.GenAuth.ai:443/' })
    expect(created.appHost).toBe('https://prod-app.genauth.ai')
    expect(JSON.parse(readFileSync(profilesFile(), 'utf8')).profiles[1].appHost).toBe('https://prod-app.genauth.ai')
    for (const appHost of [
      'https:\\\\evil.com',
      'https://a.example\\@evil.com',
      'https://:@a.example',
      'https://a.example:0',
    ]) {
      expect(() => profiles.update(created.id, { ...production, appHost })).toThrow(
        expect.objectContaining({ code: 'invalid-host' }),
      )
    }
    expect(profiles.get(created.id).appHost).toBe('https://prod-app.genauth.ai')
  })

  it('refuses a name that only looks like another one, and hidden characters in names', () => {
    const profiles = service()
    // A no-break space, a tab, full-width letters or another case: still the built-in's name.
    for (const name of ['Local\u00a0sandbox', 'local\tSANDBOX', 'Ｌocal sandbox', 'Local  sandbox ']) {
      expect(() => profiles.create({ ...production, name })).toThrow(expect.objectContaining({ code: 'conflict' }))
    }
    for (const name of ['Prod\u202Enoitcudorp', 'Prod\u200Buction', 'Prod\u2066uction', 'TICKET-1\u0000 hidden']) {
      expect(() => profiles.create({ ...production, name })).toThrow(
        expect.objectContaining({ code: 'invalid-input', issues: [expect.objectContaining({ path: 'name' })] }),
      )
    }
    expect(profiles.list().profiles).toHaveLength(1)
    // Normalised as stored: NFC, one space between words.
    expect(profiles.create({ ...production, name: '  Cafe\u0301\u00a0 staging ' }).name).toBe('Caf\u00e9 staging')
  })

  it('lets a profile keep its own name on update but not take another one', () => {
    const profiles = service()
    const a = profiles.create(staging)
    profiles.create(production)
    expect(profiles.update(a.id, { ...staging, timeoutMs: 5000 }).timeoutMs).toBe(5000)
    expect(() => profiles.update(a.id, { ...staging, name: 'production' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    )
  })

  it('answers not-found for an unknown id', async () => {
    const profiles = service()
    expect(() => profiles.get('nope')).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(() => profiles.update('nope', staging)).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(() => profiles.setActive('nope')).toThrow(expect.objectContaining({ code: 'not-found' }))
    await expect(profiles.delete('nope')).rejects.toMatchObject({ code: 'not-found' })
    await expect(profiles.duplicate('nope')).rejects.toMatchObject({ code: 'not-found' })
    await expect(profiles.setSecret('nope', 'appSecret', 'x')).rejects.toMatchObject({ code: 'not-found' })
    await expect(profiles.credentialsFor('nope')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('switches the active profile, and falls back to the sandbox when the active one is deleted', async () => {
    const profiles = service()
    const a = profiles.create(staging)
    const b = profiles.create(production)
    expect(profiles.setActive(a.id).activeId).toBe(a.id)
    expect(service().list().activeId).toBe(a.id)
    expect((await profiles.delete(b.id)).activeId).toBe(a.id)
    const afterDelete = await profiles.delete(a.id)
    expect(afterDelete.activeId).toBe('local-sandbox')
    expect(afterDelete.profiles.map((profile) => profile.id)).toEqual(['local-sandbox'])
  })

  it('duplicates a profile without secrets under a "(copy)" name', async () => {
    const profiles = service()
    const original = profiles.create(staging)
    const copy = await profiles.duplicate(original.id)
    const second = await profiles.duplicate(original.id)
    expect(copy).toMatchObject({ ...staging, name: 'Staging (copy)', builtIn: false })
    expect(copy.id).not.toBe(original.id)
    expect(second.name).toBe('Staging (copy 2)')
  })

  it('keeps everything for a new service on the same folder, in profiles.json only', () => {
    const profiles = service()
    const a = profiles.create(staging)
    profiles.create(production)
    profiles.setActive(a.id)
    const reopened = service()
    expect(reopened.list()).toEqual(profiles.list())
    expect(readdirSync(dataDir)).toEqual(['profiles.json'])
  })

  it('needs no keychain for anything but secrets, and reports the keychain when a secret is set', async () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    expect(await profiles.credentialsFor(id)).toEqual({ appSecret: null, accessToken: null })
    await expect(profiles.setSecret(id, 'appSecret', 'abc')).rejects.toMatchObject({
      code: 'keychain-unavailable',
      message: expect.stringMatching(/could not be loaded/),
    })
    expect(profiles.get(id).hasAppSecret).toBe(false)
    expect((await profiles.delete(id)).profiles).toHaveLength(1)
  })

  it('refuses an empty or oversized secret before touching the keychain', async () => {
    const profiles = service()
    const { id } = profiles.create(staging)
    await expect(profiles.setSecret(id, 'appSecret', '')).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(profiles.setSecret(id, 'accessToken', 'x'.repeat(8193))).rejects.toMatchObject({
      code: 'invalid-input',
    })
  })
})

describe('export and import', () => {
  it('round-trips every non-built-in profile through a versioned file, under new ids', () => {
    const source = service()
    source.create(staging)
    source.create(production)
    const json = source.exportJson()
    const document = JSON.parse(json)
    expect(document).toMatchObject({
      format: 'genauth-sms-console.profiles',
      version: 1,
      exportedAt: '2025-01-02T03:04:05.678Z',
    })
    expect(document.profiles).toEqual([
      { ...staging, headerFamily: 'both' },
      { ...production, language: 'auto', timeoutMs: 10_000, headerFamily: 'both' },
    ])

    rmSync(dataDir, { recursive: true })
    const target = service()
    expect(target.importJson(json)).toBe(2)
    const imported = target.list().profiles.filter((profile) => !profile.builtIn)
    expect(imported.map(({ id: _id, ...rest }) => rest)).toEqual(
      document.profiles.map((fields: object) => ({
        ...fields,
        builtIn: false,
        hasAppSecret: false,
        hasAccessToken: false,
      })),
    )
  })

  it('gives clashing names a suffix and never reuses ids', () => {
    const profiles = service()
    const original = profiles.create(staging)
    const json = profiles.exportJson()
    expect(profiles.importJson(json)).toBe(1)
    expect(profiles.importJson(json)).toBe(1)
    const names = profiles.list().profiles.map((profile) => profile.name)
    expect(names).toEqual(['Local sandbox', 'Staging', 'Staging (imported)', 'Staging (imported 2)'])
    const ids = profiles.list().profiles.map((profile) => profile.id)
    expect(new Set(ids).size).toBe(4)
    expect(ids).toContain(original.id)
  })

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    ['another format', JSON.stringify({ format: 'something-else', version: 1, profiles: [] }), /format/],
    [
      'a newer version',
      JSON.stringify({ format: 'genauth-sms-console.profiles', version: 2, profiles: [] }),
      /version/,
    ],
    [
      'a profile carrying a secret',
      JSON.stringify({
        format: 'genauth-sms-console.profiles',
        version: 1,
        profiles: [{ ...staging, appSecret: 's3' }],
      }),
      /profiles\.0/,
    ],
    [
      'a profile with a bad host',
      JSON.stringify({
        format: 'genauth-sms-console.profiles',
        version: 1,
        profiles: [production, { ...staging, appHost: 'http://evil.example.com' }],
      }),
      /Profile 2 \("Staging"\): Plain http/,
    ],
  ])('refuses %s and changes nothing', (_label, json, reason) => {
    const profiles = service()
    profiles.create(production)
    const before = readFileSync(profilesFile(), 'utf8')
    expect(() => profiles.importJson(json)).toThrow(
      expect.objectContaining({ code: 'invalid-input', message: expect.stringMatching(reason) }),
    )
    expect(readFileSync(profilesFile(), 'utf8')).toBe(before)
    expect(profiles.list().profiles).toHaveLength(2)
  })
})

describe('a damaged profiles.json', () => {
  it('is kept aside, and the app starts with the sandbox and a warning', () => {
    writeFileSync(profilesFile(), '{ "profiles": [ broken')
    const profiles = service()
    expect(profiles.list().profiles.map((profile) => profile.id)).toEqual(['local-sandbox'])
    const aside = 'profiles.json.corrupt-2025-01-02T03-04-05-678Z'
    expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('{ "profiles": [ broken')
    expect(warnings()).toEqual([expect.stringContaining(join(dataDir, aside))])
  })

  it('loses only the damaged entries', () => {
    const profiles = service()
    const good = profiles.create(staging)
    const file = JSON.parse(readFileSync(profilesFile(), 'utf8'))
    file.profiles.push({ id: 'bad', name: '', environment: 'nowhere' })
    writeFileSync(profilesFile(), JSON.stringify(file))

    const reopened = service()
    expect(reopened.list().profiles.map((profile) => profile.id)).toEqual(['local-sandbox', good.id])
    expect(warnings()).toEqual([expect.stringMatching(/1 damaged profile\(s\) left out/)])
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1)
  })

  it('cannot move the sandbox off the embedded emulator by hand', () => {
    writeFileSync(
      profilesFile(),
      JSON.stringify({
        version: 1,
        activeId: 'gone',
        profiles: [
          { id: 'local-sandbox', name: 'Edited', environment: 'production', appHost: 'evil.example.com', appId: 'x' },
        ],
      }),
    )
    expect(service().list()).toMatchObject({
      activeId: 'local-sandbox',
      profiles: [{ id: 'local-sandbox', name: 'Edited', environment: 'sandbox', appHost: 'embedded-emulator' }],
    })
  })
})
