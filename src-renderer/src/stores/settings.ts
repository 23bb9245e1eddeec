import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { KeychainStatus, Language, Settings, SettingsPatch } from '@shared/contract'
import { call } from '../api/client'
import { osLanguage } from '../i18n'
import { StoreId } from './store-id'

/** The user's preferences as main stores them; language and theme apply to the whole window at once. */
export const useSettingsStore = defineStore(StoreId.Settings, () => {
  const settings = shallowRef<Settings | null>(null)
  const keychain = shallowRef<KeychainStatus | null>(null)

  /** `null` in settings means "follow the OS" until the user picks a language. */
  const language = computed<Language>(() => settings.value?.language ?? osLanguage())
  const theme = computed(() => settings.value?.theme ?? 'system')

  /** The answer of a call here, or main's `settings.changed` event for a change made elsewhere. */
  function apply(next: Settings): void {
    // This window's own change comes back with the event: unchanged settings keep their object.
    if (JSON.stringify(next) !== JSON.stringify(settings.value)) settings.value = next
  }

  async function load(): Promise<void> {
    apply(await call('settings.get', {}))
  }

  async function update(patch: SettingsPatch): Promise<void> {
    apply(await call('settings.update', patch))
  }

  async function checkKeychain(): Promise<void> {
    keychain.value = await call('keychain.status', {})
  }

  return { settings, keychain, language, theme, apply, load, update, checkKeychain }
})
