import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { Language } from './channels'
import { TeamDatabaseConfig } from './team'

export const Theme = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof Theme>

export const KeychainBackend = z.enum(['keytar', 'napi-keyring'])
export type KeychainBackend = z.infer<typeof KeychainBackend>

export const Settings = lazySchema(() =>
  z.object({
    /** null until the user picks one: the UI then follows the OS language. */
    language: Language.nullable(),
    theme: Theme,
    retentionDays: z.number().int().min(1).max(3650).nullable(),
    retentionMaxEntries: z.number().int().min(100).max(10_000_000).nullable(),
    keychainBackend: KeychainBackend,
    /** The team's shared PostgreSQL; null keeps history and cooldown in this computer's SQLite file. */
    teamDatabase: TeamDatabaseConfig.nullable(),
  }),
)
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = lazySchema(() => Settings.unwrap().partial().strict())
export type SettingsPatch = z.infer<typeof SettingsPatch>

export const DEFAULT_SETTINGS: Settings = {
  language: null,
  theme: 'system',
  retentionDays: 90,
  retentionMaxEntries: null,
  keychainBackend: 'keytar',
  teamDatabase: null,
}
