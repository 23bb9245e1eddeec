import { DEFAULT_COUNTRY_CODE } from './digits'
import { getCountries, getCountryCallingCode, type CountryCode } from './libphonenumber'

export { DEFAULT_COUNTRY_CODE }

/** Every calling code libphonenumber's metadata knows, without the plus (`86`, `1`, `44`). */
const CALLING_CODES = new Set<string>(getCountries().map((country) => getCountryCallingCode(country)))

/** `+86` for `CN`: the form GenAuth expects in `phoneCountryCode`. */
export function countryCodeOf(country: CountryCode): string {
  return `+${getCountryCallingCode(country)}`
}

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
