import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { enUS, zhCN } from 'naive-ui'
import { afterEach, describe, expect, it } from 'vitest'
import ProfileEditor from '../../src-renderer/src/components/settings/ProfileEditor.vue'
import PreferencesSection from '../../src-renderer/src/components/settings/PreferencesSection.vue'
import { i18n } from '../../src-renderer/src/i18n'
import { baseHandlers, FakeMain, SANDBOX } from './support/fake-main'
import { mountWithMain } from './support/mount'

/** Naive UI's own placeholders, which say nothing about the field. */
const DEFAULTS = new Set([enUS, zhCN].flatMap((locale) => [locale.Input.placeholder, locale.InputNumber.placeholder]))

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

const placeholders = () =>
  [...document.querySelectorAll('input, textarea')].map((input) => input.getAttribute('placeholder') ?? '')

describe.each(['en-US', 'zh-CN'] as const)('placeholders in %s', (language) => {
  it.each([
    ['a new profile', null],
    ['the built-in profile', SANDBOX],
  ])('the profile editor on %s shows no default placeholder', async (_, profile) => {
    wrapper = await mountWithMain(ProfileEditor, new FakeMain(baseHandlers()), { profile, show: true })
    i18n.global.locale.value = language
    await flushPromises()
    const shown = placeholders()
    expect(shown.length).toBeGreaterThanOrEqual(4)
    for (const text of shown) expect(DEFAULTS.has(text), text).toBe(false)
    // Each field that names its content does so in the interface's language.
    expect(shown).toContain(i18n.global.t('profiles.namePlaceholder'))
    expect(shown).toContain(i18n.global.t('profiles.timeoutPlaceholder'))
  })

  it('the preferences show no default placeholder', async () => {
    wrapper = await mountWithMain(PreferencesSection, new FakeMain(baseHandlers()))
    i18n.global.locale.value = language
    await flushPromises()
    for (const text of placeholders()) expect(DEFAULTS.has(text), text).toBe(false)
  })
})
