import { describe, expect, it } from 'vitest'
import { checkPhone, countryOptions, maskPhone, splitInternational } from '../../src-renderer/src/phone/phone-number'

describe('checkPhone', () => {
  it('accepts a valid national number with separators, and reports the digits', () => {
    expect(checkPhone('CN', '138 0013-8000')).toEqual({ status: 'valid', digits: '13800138000' })
    expect(checkPhone('US', '(415) 555-2671')).toEqual({ status: 'valid', digits: '4155552671' })
  })

  it('says why a number is not valid', () => {
    expect(checkPhone('CN', '')).toEqual({ status: 'empty', digits: '' })
    expect(checkPhone('CN', '1380013800a')).toEqual({ status: 'invalid', digits: '1380013800a', problem: 'not-digits' })
    expect(checkPhone('CN', '12345')).toEqual({ status: 'invalid', digits: '12345', problem: 'invalid-for-country' })
    // A valid Chinese mobile is not valid under another calling code.
    expect(checkPhone('GB', '13800138000').status).toBe('invalid')
    // The emulator's reserved numbers are deliberately not real numbers.
    expect(checkPhone('CN', '10000000400').status).toBe('invalid')
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

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('4155552671')).toBe('415***2671')
    expect(maskPhone('12345')).toBe('***45')
  })
})
