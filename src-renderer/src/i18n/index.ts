import { createI18n, type PathValue } from 'vue-i18n'
import type { Language } from '@shared/contract'
import en from './en-US'

/**
 * The console's keys are plain dotted paths (`send.channel`): walking them directly spares vue-i18n's general
 * path parser, which runs once per key and was a visible part of the first screen's time.
 */
function resolveKey(messages: unknown, key: string): PathValue {
  let node = messages
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return null
    node = (node as Record<string, unknown>)[part]
  }
  return (node ?? null) as PathValue
}

// English is always there, as the fallback for any text; zh-CN's messages load the first time the
// window shows them, so an English first screen does not carry them.
export const i18n = createI18n({
  legacy: false,
  locale: 'en-US',
  fallbackLocale: 'en-US',
  messages: { 'en-US': en } as Partial<Record<Language, typeof en>>,
  messageResolver: resolveKey,
})

const loaders: Record<Exclude<Language, 'en-US'>, () => Promise<{ default: typeof en }>> = {
  'zh-CN': () => import('./zh-CN'),
}

let wanted: Language = 'en-US'

/** Shows the window in `language` once its messages are loaded, unless another was asked for meanwhile. */
export async function showLanguage(language: Language): Promise<void> {
  wanted = language
  if (language !== 'en-US' && !i18n.global.availableLocales.includes(language)) {
    i18n.global.setLocaleMessage(language, (await loaders[language]()).default)
  }
  if (wanted !== language) return
  i18n.global.locale.value = language
  document.documentElement.lang = language
}

/** The OS (browser) language, used until the user picks one in Settings. */
export function osLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US'
}
