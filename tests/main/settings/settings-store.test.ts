import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../../src-main/shared/contract'
import { DataWarnings } from '../../../src-main/files/data-warnings'
import { SettingsStore } from '../../../src-main/settings/settings-store'

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 678)
const clock = () => NOW
let dataDir: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'settings-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const settingsFile = () => join(dataDir, 'settings.json')
/** The warnings every process sharing the folder shows, as recorded in the folder. */
const warnings = () => new DataWarnings(dataDir).list().map((warning) => warning.message)

describe('SettingsStore', () => {
  it('starts from the defaults without writing anything', () => {
    const store = new SettingsStore(dataDir, clock)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(readdirSync(dataDir)).toEqual([])
    expect(warnings()).toEqual([])
  })

  it('applies a patch, returns the whole settings and keeps them for the next start', () => {
    const store = new SettingsStore(dataDir, clock)
    const updated = store.update({ theme: 'dark', language: 'zh-CN', retentionMaxEntries: 5000 })
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', language: 'zh-CN', retentionMaxEntries: 5000 })
    expect(store.get()).toEqual(updated)
    expect(new SettingsStore(dataDir, clock).get()).toEqual(updated)
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toEqual(updated)
  })

  it('sets a nullable setting back to null and leaves unpatched ones alone', () => {
    const store = new SettingsStore(dataDir, clock)
    store.update({ language: 'en-US', retentionDays: 30 })
    expect(store.update({ language: null })).toEqual({ ...DEFAULT_SETTINGS, language: null, retentionDays: 30 })
  })

  it('refuses an invalid patch and changes nothing', () => {
    const store = new SettingsStore(dataDir, clock)
    store.update({ theme: 'light' })
    const before = readFileSync(settingsFile(), 'utf8')
    expect(() => store.update({ retentionDays: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-input', issues: [expect.objectContaining({ path: 'retentionDays' })] }),
    )
    expect(() => store.update({ theme: 'blue' } as unknown as SettingsPatch)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    )
    expect(() => store.update({ unknown: 1 } as unknown as SettingsPatch)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    )
    expect(readFileSync(settingsFile(), 'utf8')).toBe(before)
  })

  it('writes through a temporary file and leaves only settings.json behind', () => {
    const store = new SettingsStore(dataDir, clock)
    for (let i = 1; i <= 5; i++) store.update({ retentionDays: i })
    expect(readdirSync(dataDir)).toEqual(['settings.json'])
  })

  it('sees a change made by another process on the same folder', () => {
    const app = new SettingsStore(dataDir, clock)
    const cli = new SettingsStore(dataDir, clock)
    app.get()
    cli.update({ theme: 'dark' })
    expect(app.get().theme).toBe('dark')
  })

  it('keeps a corrupt file aside, starts from the defaults and says so', () => {
    writeFileSync(settingsFile(), '{"theme": "dark", oops')
    const store = new SettingsStore(dataDir, clock)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)

    const aside = 'settings.json.corrupt-2025-01-02T03-04-05-678Z'
    expect(readdirSync(dataDir).sort()).toEqual(['settings.json', aside, 'warnings.json'])
    expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('{"theme": "dark", oops')
    expect(warnings()).toEqual([expect.stringContaining(join(dataDir, aside))])
    expect(warnings()[0]).toMatch(/not valid JSON/)
    expect(new DataWarnings(dataDir).list()[0]?.keptAs).toBe(join(dataDir, aside))
    // The renderer shows it in the user's language from its key and values.
    expect(new DataWarnings(dataDir).list()[0]?.text).toEqual({
      key: 'settingsKeptAside',
      params: { problem: expect.stringMatching(/not valid JSON/), keptAs: join(dataDir, aside) },
      message: warnings()[0],
    })

    // Reported once: the file in place is now a good one.
    store.get()
    new SettingsStore(dataDir, clock).get()
    expect(warnings()).toHaveLength(1)
  })

  it('reads a file written before team mode as having no team database, quietly', () => {
    const older = { language: 'zh-CN', theme: 'dark', retentionDays: 30, retentionMaxEntries: null }
    writeFileSync(settingsFile(), JSON.stringify({ ...older, keychainBackend: 'keytar' }))
    const store = new SettingsStore(dataDir, clock)
    expect(store.get().teamDatabase).toBeNull()
    expect(warnings()).toEqual([])
    const team = { host: 'db.example.com', port: 5432, database: 'support', user: 'sms_console' }
    expect(store.update({ teamDatabase: team }).teamDatabase).toEqual(team)
    expect(new SettingsStore(dataDir, clock).get()).toMatchObject({ ...older, teamDatabase: team })
  })

  it('keeps the good settings of a file with one bad value', () => {
    writeFileSync(settingsFile(), JSON.stringify({ theme: 'dark', retentionDays: -4, language: 'zh-CN' }))
    const store = new SettingsStore(dataDir, clock)
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', language: 'zh-CN' })
    expect(warnings()).toEqual([expect.stringContaining('invalid value for retentionDays')])
    expect(readdirSync(dataDir)).toContain('settings.json.corrupt-2025-01-02T03-04-05-678Z')
  })

  it('does not overwrite an earlier copy kept aside at the same moment', () => {
    writeFileSync(settingsFile(), 'first')
    new SettingsStore(dataDir, clock).get()
    writeFileSync(settingsFile(), '[]')
    const store = new SettingsStore(dataDir, clock)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(warnings()[1]).toMatch(/not a JSON object/)
    const copies = readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))
    expect(copies.map((name) => readFileSync(join(dataDir, name), 'utf8')).sort()).toEqual(['[]', 'first'])
  })
})
