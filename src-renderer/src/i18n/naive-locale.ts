import { enUS, zhCN } from 'naive-ui'
import type { Language } from '@shared/contract'

/** Naive UI's own texts (empty states, pickers, dialogs) follow the app's language. */
export function naiveLocale(language: Language) {
  return language === 'zh-CN' ? zhCN : enUS
}
