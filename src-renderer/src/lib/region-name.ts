/**
 * A country's name in the UI language. The first use of Intl in a window sets up its locale data, which
 * takes tens of milliseconds, so the first screen asks for a name only once it has one to show.
 */
export function regionName(language: string, country: string): string {
  let names = namesByLanguage.get(language)
  if (!names) namesByLanguage.set(language, (names = new Intl.DisplayNames([language], { type: 'region' })))
  return names.of(country) ?? country
}

const namesByLanguage = new Map<string, Intl.DisplayNames>()
