import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max'
import metadata from 'libphonenumber-js/metadata.max.json'

/**
 * The one place that picks libphonenumber's metadata (the full "max" set, which tells valid numbers
 * apart, not just possible ones), so main and the renderer always judge a number with the same data.
 */
export { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode }

/** The countries sharing a calling code (`1` -> US, CA, ...), the code's main country first. */
export function countriesOfCallingCode(callingCode: string): readonly CountryCode[] {
  return (metadata.country_calling_codes[callingCode] as CountryCode[] | undefined) ?? []
}
