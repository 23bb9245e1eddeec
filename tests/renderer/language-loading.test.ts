import { describe, expect, it } from 'vitest'
import { i18n, loadAllTexts, showLanguage } from '../../src-renderer/src/i18n'
import enLater from '../../src-renderer/src/i18n/en-US-later'
import zh from '../../src-renderer/src/i18n/zh-CN'
import zhLater from '../../src-renderer/src/i18n/zh-CN-later'

// In order: the first tests need the zh-CN messages, and the texts beyond the first screen, not loaded yet.
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

  it('shows the first screen in zh-CN without the texts beyond it, which come in both languages when asked for', async () => {
    await showLanguage('zh-CN')
    expect(i18n.global.te('history.title', 'zh-CN')).toBe(false)
    expect(i18n.global.te('history.title', 'en-US')).toBe(false)

    await loadAllTexts()
    expect(i18n.global.t('history.title')).toBe(zhLater.history.title)
    // Merged beside the first screen's texts, which stay.
    expect(i18n.global.t('nav.send')).toBe(zh.nav.send)
    await showLanguage('en-US')
    expect(i18n.global.t('history.title')).toBe(enLater.history.title)
  })
})
