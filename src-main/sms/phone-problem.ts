import { errorText, type ErrorText } from '../shared/contract/errors'
import type { PhoneCheck } from '../shared/phone/check-phone'
import { DEFAULT_COUNTRY_CODE } from '../shared/phone/country-code'

// Main's alone: the form words its own hints from the check's problem, and the error texts bring zod,
// which the first screen does without.
/** Why main refuses a number: a key the renderer words in its language, and main's English. */
export function phoneProblemText(
  check: Exclude<PhoneCheck, { status: 'valid' }>,
  countryCode: string | undefined,
): ErrorText {
  if (check.status === 'empty') return errorText('phoneEmpty', 'Enter a phone number.')
  switch (check.problem) {
    case 'has-country-code':
      return errorText(
        'phoneHasCountryCode',
        'The phone number contains a country code: put it in the country code field.',
      )
    case 'not-digits':
      return errorText('phoneNotDigits', 'A phone number has digits only.')
    case 'invalid-for-country': {
      const code = countryCode ?? DEFAULT_COUNTRY_CODE
      return errorText('phoneInvalidForCountry', `${check.digits} is not a valid number for ${code}.`, {
        digits: check.digits,
        code,
      })
    }
  }
}
