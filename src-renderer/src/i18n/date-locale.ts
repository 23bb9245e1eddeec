import { dateEnUS, dateZhCN } from 'naive-ui'
import type { Language } from '@shared/contract'

/**
 * Month and weekday names for Naive UI's date pickers. Only the history filters use a picker, so this
 * (and date-fns behind it) loads with the history view rather than with the first screen.
 */
export function naiveDateLocale(language: Language) {
  return language === 'zh-CN' ? dateZhCN : dateEnUS
}
