import { createI18n } from 'vue-i18n'
import { enUS, zhCN } from 'naive-ui'
import type { Language } from '@shared/contract'
import en from './en-US'
import zh from './zh-CN'

export const i18n = createI18n({
  legacy: false,
  locale: osLanguage(),
  fallbackLocale: 'en-US',
  messages: { 'en-US': en, 'zh-CN': zh },
})

/** The OS (browser) language, used until the user picks one in Settings. */
export function osLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US'
}

/** Naive UI's own texts (empty states, pickers, dialogs) follow the app's language. */
export function naiveLocale(language: Language) {
  return language === 'zh-CN' ? zhCN : enUS
}
