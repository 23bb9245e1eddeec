import { phoneDigits } from './check-phone'
import {
  countriesOfCallingCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from './libphonenumber'

/** `+86` for `CN`: the form GenAuth expects in `phoneCountryCode`. */
export function countryCodeOf(country: CountryCode): string {
  return `+${getCountryCallingCode(country)}`
}

export type SplitNumber = { country: CountryCode; countryCode: string; nationalNumber: string }

/**
 * Recognises a number typed or pasted with its calling code (`+8613812345678`, `+1 415 555 2671`).
 * Calling codes are prefix-free, so the first known prefix is the code; the country is the one the
 * number belongs to when libphonenumber can tell, else the current one if it shares the code, else the
 * code's main country.
 */
export function splitInternational(raw: string, current: CountryCode): SplitNumber | null {
  const compact = phoneDigits(raw)
  if (!compact.startsWith('+')) return null
  const digits = compact.slice(1)
  if (!/^\d+$/.test(digits)) return null
  for (let length = 1; length <= 3 && length < digits.length; length++) {
    const callingCode = digits.slice(0, length)
    const countries = countriesOfCallingCode(callingCode)
    if (!countries.length) continue
    const parsed = parsePhoneNumberFromString(compact)
    const country =
      parsed?.country && countries.includes(parsed.country)
        ? parsed.country
        : countries.includes(current)
          ? current
          : countries[0]!
    return { country, countryCode: `+${callingCode}`, nationalNumber: digits.slice(length) }
  }
  return null
}

export type CountryOption = {
  country: CountryCode
  countryCode: string
  name: string
  /** Lower-case text a search matches: both names, the ISO code and the calling code. */
  searchText: string
}

/** Every country libphonenumber knows, named in the UI language (and searchable in English too). */
export function countryOptions(language: string): CountryOption[] {
  const local = new Intl.DisplayNames([language], { type: 'region' })
  const english = new Intl.DisplayNames(['en'], { type: 'region' })
  const collator = new Intl.Collator(language)
  return getCountries()
    .map((country) => {
      const name = local.of(country) ?? country
      const countryCode = countryCodeOf(country)
      const searchText = [name, english.of(country) ?? '', country, countryCode].join(' ').toLowerCase()
      return { country, countryCode, name, searchText }
    })
    .sort((a, b) => collator.compare(a.name, b.name))
}
