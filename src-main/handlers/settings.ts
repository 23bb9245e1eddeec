import type { KeychainBackend } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { EventBus } from '../events'
import type { SettingsStore } from '../settings/settings-store'
import { announceTeamChange } from './team'

/** What the settings calls need: the settings (which announce their own changes) and the keychain switch. */
export interface SettingsDeps {
  settings: Pick<SettingsStore, 'get' | 'update'>
  /** Moves the stored secrets to another keychain backend and uses it from then on. */
  switchKeychain(backend: KeychainBackend): Promise<void>
  /** Tells the windows of a change of team database, which the settings' own announcement does not name. */
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
      // The next call reads from the newly chosen history: no restart needed.
      if (patch.teamDatabase !== undefined) announceTeamChange(events)
      return updated
    },
  }
}
