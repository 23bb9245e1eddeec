import { describe, expect, it } from 'vitest'
import { maskPhone } from '../../../src-main/shared/phone/mask'
import { phoneMasker } from '../../../src-main/history/mask'

const digitsShown = (masked: string): number => masked.replace(/\D/g, '').length

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of an 11-digit number', () => {
    expect(maskPhone('18812348888')).toBe('188****8888')
    expect(maskPhone('13800138000')).toBe('138****8000')
  })

  it('keeps 3 and 4 of longer numbers too', () => {
    expect(maskPhone('8613812345678')).toBe('861******5678')
  })

  it('never shows more than half the digits of a shorter number', () => {
    expect(maskPhone('4155550123')).toBe('41*****123')
    expect(maskPhone('51234567')).toBe('5****567')
    expect(maskPhone('123456')).toBe('1***56')
    expect(maskPhone('1234')).toBe('**34')
    expect(maskPhone('12')).toBe('*2')
    expect(maskPhone('7')).toBe('*')
    for (let length = 1; length <= 10; length++) {
      expect(digitsShown(maskPhone('9'.repeat(length)))).toBeLessThanOrEqual(length / 2)
    }
  })

  it('leaves separators where they are and masks by digit position', () => {
    expect(maskPhone('188 1234 8888')).toBe('188 **** 8888')
    expect(maskPhone('(415) 555-0123')).toBe('(41*) ***-*123')
    expect(maskPhone('')).toBe('')
  })
})

describe('phoneMasker', () => {
  it('masks whole occurrences of the number in text, stored form and bare digits', () => {
    const hide = phoneMasker('188 1234 8888')
    expect(hide('to 188 1234 8888 and 18812348888.')).toBe('to 188 **** 8888 and 188****8888.')
  })

  it('leaves digits that only contain the number, or are contained in it', () => {
    const hide = phoneMasker('1234')
    expect(hide('date 2012345, length 1234, id 12345')).toBe('date 2012345, length **34, id 12345')
  })

  it('masks inside JSON text, where the number appears escaped', () => {
    const phone = '12"34'
    const json = JSON.stringify({ body: `phone ${phone}` })
    expect(JSON.parse(phoneMasker(phone, true)(json))).toEqual({ body: `phone ${maskPhone(phone)}` })
  })
})
