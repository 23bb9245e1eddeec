// Free of libphonenumber's metadata: the contract checks every country code it is given, and a command
// that only reads the history should not parse 150 KB of metadata to do so.
import { CALLING_CODES } from './calling-codes'
import { DEFAULT_COUNTRY_CODE } from './digits'

export { DEFAULT_COUNTRY_CODE }

/**
 * A country code as typed (`+86`, `86`, `+086`, ` +86 `) in its one form, `+86`; null when it is no
 * calling code libphonenumber knows. Leading zeros are dropped: no calling code starts with 0, so
 * `+086` can only mean `+86`.
 */
export function parseCountryCode(text: string): string | null {
  const match = /^\+?0*(\d{1,4})$/.exec(text.trim())
  return match && CALLING_CODES.has(match[1]!) ? `+${match[1]!}` : null
}

/**
 * The country code a cooldown belongs to: absent means +86, as GenAuth treats it, and any spelling
 * of a code counts as its one form. A stored spelling libphonenumber does not know stays as it is.
 */
export function cooldownCountryCode(code: string | null | undefined): string {
  if (code === null || code === undefined || code.trim() === '') return DEFAULT_COUNTRY_CODE
  return parseCountryCode(code) ?? code.trim()
}
