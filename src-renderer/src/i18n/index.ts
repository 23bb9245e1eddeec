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
// window shows them, so an English first screen does not carry them. Each language comes in two parts:
// the first screen's texts, and the rest (History, Settings, the result's details, main's refusals),
// which loads once the form is up, so that neither language's first screen waits for it.
export const i18n = createI18n({
  legacy: false,
  locale: 'en-US',
  fallbackLocale: 'en-US',
  messages: { 'en-US': en } as Partial<Record<Language, typeof en>>,
  messageResolver: resolveKey,
})

type Loaders = Partial<Record<Language, () => Promise<{ default: object }>>>

/** Loads a part of each language's texts once, into the window's messages; a failed load is tried again on the next call. */
function partLoader(loaders: Loaders): (language: Language) => Promise<void> {
  const loads = new Map<Language, Promise<void>>()
  return (language) => {
    const loader = loaders[language]
    if (!loader) return Promise.resolve()
    let load = loads.get(language)
    if (!load) {
      load = loader().then((module) => i18n.global.mergeLocaleMessage(language, module.default as typeof en))
      load.catch(() => loads.delete(language))
      loads.set(language, load)
    }
    return load
  }
}

// English's first-screen texts are in the entry already.
const loadFirstScreen = partLoader({ 'zh-CN': () => import('./zh-CN') })
const loadLater = partLoader({ 'en-US': () => import('./en-US-later'), 'zh-CN': () => import('./zh-CN-later') })
let laterWanted = false
let wanted: Language = 'en-US'

/**
 * Loads the texts beyond the first screen, in English and in the window's language; a language shown
 * afterwards brings its own along. Parts that show them wait for this before they render.
 */
export function loadAllTexts(): Promise<void> {
  laterWanted = true
  return Promise.all([loadLater('en-US'), loadLater(wanted)]).then(() => undefined)
}

/** Shows the window in `language` once its messages are loaded, unless another was asked for meanwhile. */
export async function showLanguage(language: Language): Promise<void> {
  wanted = language
  await Promise.all([loadFirstScreen(language), laterWanted ? loadLater(language) : undefined])
  if (wanted !== language) return
  i18n.global.locale.value = language
  document.documentElement.lang = language
}

/** The OS (browser) language, used until the user picks one in Settings. */
export function osLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US'
}
