import { flushPromises, mount } from '@vue/test-utils'
import { vi } from 'vitest'
import naive, { NConfigProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h, type Component } from 'vue'
import { useTransport } from '../../../src-renderer/src/api/client'
import { i18n } from '../../../src-renderer/src/i18n'
import { loadPhoneChecks } from '../../../src-renderer/src/lib/phone-checks'
import enLater from '../../../src-renderer/src/i18n/en-US-later'
import zh from '../../../src-renderer/src/i18n/zh-CN'
import zhLater from '../../../src-renderer/src/i18n/zh-CN-later'
import { useAppStore } from '../../../src-renderer/src/stores/app'
import { useProfilesStore } from '../../../src-renderer/src/stores/profiles'
import type { FakeMain } from './fake-main'

/**
 * Mounts a component the way App.vue hosts it: a fresh Pinia, the app's i18n in English (with the texts
 * beyond the first screen and the zh-CN messages, which the app loads on demand, already there, so a test
 * can switch by setting the locale), the phone checks loaded,
 * Naive UI's providers, and `main` as the transport. Naive UI is registered whole here because the test runner
 * does not run the on-demand resolver the production build uses.
 */
export async function mountWithMain(component: Component, main: FakeMain, props: Record<string, unknown> = {}) {
  useTransport(main)
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.mergeLocaleMessage('en-US', enLater)
  i18n.global.mergeLocaleMessage('zh-CN', zh)
  i18n.global.mergeLocaleMessage('zh-CN', zhLater)
  i18n.global.locale.value = 'en-US'
  // The phone checks load in a chunk of their own just after the first screen; a test starts once they are there.
  await Promise.all([useAppStore().load(), useProfilesStore().load(), loadPhoneChecks()])
  const Host = defineComponent({
    setup: () => () => h(NConfigProvider, null, () => h(NMessageProvider, null, () => h(component, props))),
  })
  const wrapper = mount(Host, { attachTo: document.body, global: { plugins: [pinia, i18n, naive] } })
  await flushPromises()
  return wrapper
}

/** Parts the first screen does not need (the result panel, the confirmation) load in chunks of their own. */
export async function lazyPartsLoaded(): Promise<void> {
  await flushPromises()
  await vi.dynamicImportSettled()
  await flushPromises()
}
