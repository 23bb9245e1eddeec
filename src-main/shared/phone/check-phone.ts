import { DEFAULT_COUNTRY_CODE, phoneDigits } from './digits'
import { parsePhoneNumberFromString } from './libphonenumber'

export { phoneDigits }

export type PhoneProblem = 'has-country-code' | 'not-digits' | 'invalid-for-country'

export type PhoneCheck =
  | { status: 'empty'; digits: '' }
  | { status: 'valid'; digits: string }
  | { status: 'invalid'; digits: string; problem: PhoneProblem }

/**
 * Checks a national number against its calling code (absent means +86, as GenAuth reads it). The
 * form runs it as the user types and main before every send, so both call the same numbers valid.
 */
export function checkPhone(raw: string, countryCode: string | undefined): PhoneCheck {
  const digits = phoneDigits(raw)
  if (!digits) return { status: 'empty', digits: '' }
  if (digits.startsWith('+')) return { status: 'invalid', digits, problem: 'has-country-code' }
  if (!/^\d+$/.test(digits)) return { status: 'invalid', digits, problem: 'not-digits' }
  const parsed = parsePhoneNumberFromString(`${countryCode ?? DEFAULT_COUNTRY_CODE}${digits}`)
  return parsed?.isValid() ? { status: 'valid', digits } : { status: 'invalid', digits, problem: 'invalid-for-country' }
}
