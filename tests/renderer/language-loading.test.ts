import { describe, expect, it } from 'vitest'
import { i18n, showLanguage } from '../../src-renderer/src/i18n'
import zh from '../../src-renderer/src/i18n/zh-CN'

// In order: the first test needs the zh-CN messages not loaded yet.
describe('the window language', () => {
  it('starts with the English messages only, and keeps the language asked for last', async () => {
    expect(i18n.global.availableLocales).toEqual(['en-US'])
    // zh-CN's messages are still loading when English is asked for.
    const chinese = showLanguage('zh-CN')
    const english = showLanguage('en-US')
    await Promise.all([chinese, english])
    expect(i18n.global.locale.value).toBe('en-US')
    expect(document.documentElement.lang).toBe('en-US')
  })

  it('loads zh-CN the first time it is shown', async () => {
    await showLanguage('zh-CN')
    expect(i18n.global.availableLocales).toContain('zh-CN')
    expect(i18n.global.t('nav.send')).toBe(zh.nav.send)
    expect(document.documentElement.lang).toBe('zh-CN')

    await showLanguage('en-US')
    expect(i18n.global.t('nav.send')).toBe('Send')
  })
})
