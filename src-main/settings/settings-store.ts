import { join } from 'node:path'
import { DEFAULT_SETTINGS, errorText, Settings, SettingsPatch } from '../shared/contract'
import { DataWarnings } from '../files/data-warnings'
import { withFileLock } from '../files/file-lock'
import { invalidInput } from './invalid-input'
import { readJsonFile, setAsideCorruptFile, writeJsonFileAtomic } from '../files/json-file'

export const SETTINGS_FILE = 'settings.json'

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>

type SettingsRead = { settings: Settings; problem?: string }

/**
 * The user's settings in `settings.json` in the data folder. The file is read on every call, so the app
 * and the CLI sharing a data folder see each other's changes, and changed under a lock they all take.
 * A file that cannot be used is moved aside (never lost), what could be read of it is kept, and a
 * warning says so until the user dismisses it.
 */
export class SettingsStore {
  private readonly path: string

  constructor(
    dataDir: string,
    private readonly clock: () => number = Date.now,
    private readonly warnings: DataWarnings = new DataWarnings(dataDir),
    /** Told the new settings after every update. */
    private readonly onChange: (settings: Settings) => void = () => undefined,
  ) {
    this.path = join(dataDir, SETTINGS_FILE)
  }

  get(): Settings {
    const read = readSettingsFile(this.path)
    // Another process may be repairing the same file: the repair is done once, under the lock.
    return read.problem === undefined ? read.settings : withFileLock(this.path, () => this.readRepairing())
  }

  update(patch: SettingsPatch): Settings {
    const parsed = SettingsPatch.safeParse(patch)
    if (!parsed.success) throw invalidInput('These settings are not valid.', parsed.error, { key: 'settingsInvalid' })
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined))
    const updated = withFileLock(this.path, () => {
      const next: Settings = { ...this.readRepairing(), ...changes }
      writeJsonFileAtomic(this.path, next)
      return next
    })
    this.onChange(updated)
    return updated
  }

  private readRepairing(): Settings {
    const { settings, problem } = readSettingsFile(this.path)
    if (problem === undefined) return settings
    const aside = setAsideCorruptFile(this.path, this.clock())
    writeJsonFileAtomic(this.path, settings)
    this.warnings.record(
      errorText(
        'settingsKeptAside',
        `The settings file could not be used (${problem}). It was kept as ${aside}; the affected settings are back to their defaults.`,
        { problem, keptAs: aside },
      ),
      aside,
    )
    return settings
  }
}

function readSettingsFile(path: string): SettingsRead {
  const read = readJsonFile(path)
  if (read.kind === 'missing') return { settings: { ...DEFAULT_SETTINGS } }
  if (read.kind === 'unreadable') return { settings: { ...DEFAULT_SETTINGS }, problem: read.reason }
  if (typeof read.data !== 'object' || read.data === null || Array.isArray(read.data)) {
    return { settings: { ...DEFAULT_SETTINGS }, problem: 'not a JSON object' }
  }
  // Field by field: one bad value costs that setting only. Absent fields take their default quietly.
  const stored = read.data as Record<string, unknown>
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  const invalid: string[] = []
  for (const key of SETTING_KEYS) {
    if (!(key in stored)) continue
    const value = Settings.unwrap().shape[key].safeParse(stored[key])
    if (value.success) settings[key] = value.data
    else invalid.push(key)
  }
  const result = settings as Settings
  return invalid.length === 0
    ? { settings: result }
    : { settings: result, problem: `invalid value for ${invalid.join(', ')}` }
}
