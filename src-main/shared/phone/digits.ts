// Free of libphonenumber, so a screen can read a typed number before the metadata has loaded.

/** Separators people type or paste; GenAuth documents the bare national number. */
const SEPARATORS = /[\s\-().]/g

/** What GenAuth (and the emulator) assume when a send names no country code. */
export const DEFAULT_COUNTRY_CODE = '+86'

/** The number as it is sent and keyed: what was typed without separators. */
export function phoneDigits(raw: string): string {
  return raw.replace(SEPARATORS, '')
}
