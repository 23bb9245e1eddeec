import { describe, expect, it } from 'vitest'
import { checkPhone, countryCodeOf, countryOptions, splitInternational } from '../../../../src-main/shared/phone'

describe('checkPhone', () => {
  it('accepts a valid national number with separators, and reports the digits', () => {
    expect(checkPhone('138 0013-8000', countryCodeOf('CN'))).toEqual({ status: 'valid', digits: '13800138000' })
    expect(checkPhone('(415) 555-2671', countryCodeOf('US'))).toEqual({ status: 'valid', digits: '4155552671' })
  })

  it('says why a number is not valid', () => {
    expect(checkPhone('', countryCodeOf('CN'))).toEqual({ status: 'empty', digits: '' })
    expect(checkPhone('1380013800a', countryCodeOf('CN'))).toEqual({
      status: 'invalid',
      digits: '1380013800a',
      problem: 'not-digits',
    })
    expect(checkPhone('+8613800138000', '+86')).toMatchObject({ status: 'invalid', problem: 'has-country-code' })
    // No country code means +86, as GenAuth reads it.
    expect(checkPhone('13800138000', undefined).status).toBe('valid')
    expect(checkPhone('12345', countryCodeOf('CN'))).toEqual({
      status: 'invalid',
      digits: '12345',
      problem: 'invalid-for-country',
    })
    // A valid Chinese mobile is not valid under another calling code.
    expect(checkPhone('13800138000', countryCodeOf('GB')).status).toBe('invalid')
    // The emulator's reserved numbers are deliberately not real numbers.
    expect(checkPhone('10000000400', countryCodeOf('CN')).status).toBe('invalid')
  })
})

describe('splitInternational', () => {
  it('splits a pasted international number into country and national number', () => {
    expect(splitInternational('+8613812345678', 'CN')).toEqual({
      country: 'CN',
      countryCode: '+86',
      nationalNumber: '13812345678',
    })
    expect(splitInternational('+1 415-555-2671', 'CN')).toEqual({
      country: 'US',
      countryCode: '+1',
      nationalNumber: '4155552671',
    })
    expect(splitInternational('+44 7400 123456', 'CN')).toEqual({
      country: 'GB',
      countryCode: '+44',
      nationalNumber: '7400123456',
    })
  })

  it('picks the country the number belongs to among those sharing a calling code', () => {
    expect(splitInternational('+1 416 555 0123', 'US')?.country).toBe('CA')
    expect(splitInternational('+7 701 123 4567', 'CN')?.country).toBe('KZ')
  })

  it('keeps the current country while the number is too short to tell', () => {
    expect(splitInternational('+14', 'CA')).toEqual({ country: 'CA', countryCode: '+1', nationalNumber: '4' })
    expect(splitInternational('+14', 'CN')?.country).toBe('US')
  })

  it('leaves numbers without a recognisable calling code alone', () => {
    expect(splitInternational('13812345678', 'CN')).toBeNull()
    expect(splitInternational('+86', 'CN')).toBeNull()
    expect(splitInternational('+', 'CN')).toBeNull()
    expect(splitInternational('+86abc', 'CN')).toBeNull()
  })
})

describe('countryOptions', () => {
  it('lists every country with its calling code, named in the UI language and searchable in English', () => {
    const english = countryOptions('en-US')
    const chinese = countryOptions('zh-CN')
    expect(english.length).toBeGreaterThan(240)
    expect(english.find((option) => option.country === 'CN')).toMatchObject({ countryCode: '+86', name: 'China' })
    const china = chinese.find((option) => option.country === 'CN')!
    expect(china.name).toBe('中国')
    expect(china.searchText).toContain('china')
    expect(china.searchText).toContain('+86')
  })
})
