import type { KeychainBackend } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { EventBus } from '../events'
import type { SettingsStore } from '../settings/settings-store'

/** What the settings calls need: the settings, the keychain switch and where to announce a change. */
export interface SettingsDeps {
  settings: Pick<SettingsStore, 'get' | 'update'>
  /** Moves the stored secrets to another keychain backend and uses it from then on. */
  switchKeychain(backend: KeychainBackend): Promise<void>
  events: Pick<EventBus, 'emit'>
}

export function settingsHandlers({
  settings,
  switchKeychain,
  events,
}: SettingsDeps): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      // The secrets move first: if the new keychain refuses them, the setting stays as it was.
      if (patch.keychainBackend && patch.keychainBackend !== settings.get().keychainBackend) {
        await switchKeychain(patch.keychainBackend)
      }
      const updated = settings.update(patch)
      events.emit('settings.changed')
      return updated
    },
  }
}
