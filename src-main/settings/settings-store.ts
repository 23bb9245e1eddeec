import { join } from 'node:path'
import { DEFAULT_SETTINGS, Settings, SettingsPatch } from '../contract'
import { invalidInput } from './invalid-input'
import { readJsonFile, setAsideCorruptFile, writeJsonFileAtomic } from './json-file'

export const SETTINGS_FILE = 'settings.json'

const SETTING_KEYS = Object.keys(Settings.shape) as Array<keyof Settings>

/**
 * The user's settings in `settings.json` in the data folder. The file is read on every call, so the app
 * and the CLI sharing a data folder see each other's changes. A file that cannot be used is moved aside
 * (never lost), what could be read of it is kept, and a warning says so.
 */
export class SettingsStore {
  private readonly path: string
  private readonly found: string[] = []

  constructor(
    dataDir: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.path = join(dataDir, SETTINGS_FILE)
  }

  /** Problems met with the settings file since this store was created, for the user to see. */
  get warnings(): readonly string[] {
    return [...this.found]
  }

  get(): Settings {
    return this.load()
  }

  update(patch: SettingsPatch): Settings {
    const parsed = SettingsPatch.safeParse(patch)
    if (!parsed.success) throw invalidInput('These settings are not valid.', parsed.error)
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined))
    const next: Settings = { ...this.load(), ...changes }
    writeJsonFileAtomic(this.path, next)
    return next
  }

  private load(): Settings {
    const read = readJsonFile(this.path)
    if (read.kind === 'missing') return { ...DEFAULT_SETTINGS }
    if (read.kind === 'unreadable') return this.recover({ ...DEFAULT_SETTINGS }, read.reason)
    if (typeof read.data !== 'object' || read.data === null || Array.isArray(read.data)) {
      return this.recover({ ...DEFAULT_SETTINGS }, 'not a JSON object')
    }
    // Field by field: one bad value costs that setting only. Absent fields take their default quietly.
    const stored = read.data as Record<string, unknown>
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    const invalid: string[] = []
    for (const key of SETTING_KEYS) {
      if (!(key in stored)) continue
      const value = Settings.shape[key].safeParse(stored[key])
      if (value.success) settings[key] = value.data
      else invalid.push(key)
    }
    const result = settings as Settings
    return invalid.length === 0 ? result : this.recover(result, `invalid value for ${invalid.join(', ')}`)
  }

  private recover(settings: Settings, reason: string): Settings {
    const aside = setAsideCorruptFile(this.path, this.clock())
    writeJsonFileAtomic(this.path, settings)
    this.found.push(
      `The settings file could not be used (${reason}). It was kept as ${aside}; the affected settings are back to their defaults.`,
    )
    return settings
  }
}
