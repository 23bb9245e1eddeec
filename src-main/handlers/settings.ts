import type { KeychainBackend } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { SettingsStore } from '../settings/settings-store'

/** What the settings calls need: the settings (which announce their own changes) and the keychain switch. */
export interface SettingsDeps {
  settings: Pick<SettingsStore, 'get' | 'update'>
  /** Moves the stored secrets to another keychain backend and uses it from then on. */
  switchKeychain(backend: KeychainBackend): Promise<void>
}

export function settingsHandlers({
  settings,
  switchKeychain,
}: SettingsDeps): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      // The secrets move first: if the new keychain refuses them, the setting stays as it was.
      if (patch.keychainBackend && patch.keychainBackend !== settings.get().keychainBackend) {
        await switchKeychain(patch.keychainBackend)
      }
      return settings.update(patch)
    },
  }
}
