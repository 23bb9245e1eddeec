import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { errorText, type ErrorText } from '../contract'

export type PhoneCheck = { valid: true; phoneNumber: string } | { valid: false; reason: ErrorText }

/** Separators people type or paste; GenAuth documents the bare national number. */
const SEPARATORS = /[\s\-().]/g

/**
 * Checks a national number against its calling code with libphonenumber's metadata, the same library
 * the form uses as the user types. The number sent is the digits alone.
 */
export function checkPhone(phoneNumber: string, phoneCountryCode: string | undefined): PhoneCheck {
  const digits = phoneNumber.replace(SEPARATORS, '')
  if (digits.startsWith('+')) {
    return {
      valid: false,
      reason: errorText(
        'phoneHasCountryCode',
        'The phone number contains a country code: put it in the country code field.',
      ),
    }
  }
  if (!/^\d+$/.test(digits)) {
    return { valid: false, reason: errorText('phoneNotDigits', 'A phone number has digits only.') }
  }
  const code = phoneCountryCode ?? '+86'
  const parsed = parsePhoneNumberFromString(`${code}${digits}`)
  if (!parsed?.isValid()) {
    return {
      valid: false,
      reason: errorText('phoneInvalidForCountry', `${digits} is not a valid number for ${code}.`, { digits, code }),
    }
  }
  return { valid: true, phoneNumber: digits }
}
