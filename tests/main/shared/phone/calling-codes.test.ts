import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max'
import { describe, expect, it } from 'vitest'
import { CALLING_CODES } from '../../../../src-main/shared/phone/calling-codes'
import { parseCountryCode } from '../../../../src-main/shared/phone/country-code'

describe('the calling codes kept as a list', () => {
  it("are exactly the codes of libphonenumber's countries (run scripts/calling-codes.mjs when this fails)", () => {
    const fromMetadata = new Set(getCountries().map((country) => getCountryCallingCode(country)))
    expect([...CALLING_CODES].sort()).toEqual([...fromMetadata].sort())
  })

  it('decide which typed country codes are known', () => {
    expect(parseCountryCode('+86')).toBe('+86')
    expect(parseCountryCode(' 1 ')).toBe('+1')
    expect(parseCountryCode('+0044')).toBe('+44')
    // 999 is no country's code; 800 is a non-geographic one, which a send cannot name either.
    expect(parseCountryCode('+999')).toBeNull()
    expect(parseCountryCode('+800')).toBeNull()
  })
})
