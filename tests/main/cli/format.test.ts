import { describe, expect, it } from 'vitest'
import { clean, displayWidth, fields, formatExplanation, table } from '../../../src-main/cli/format'
import { parseCountryCode } from '../../../src-main/cli/country-code-option'
import { parseChannel, parseDateBound } from '../../../src-main/cli/option-parsers'
import { secretFlagIn } from '../../../src-main/cli/secret-flags'
import { loadCatalog } from '../../../src-main/genauth/catalog'
import { explain } from '../../../src-main/shared/explain'

describe('plain-text output', () => {
  it('aligns columns by terminal width, Chinese characters taking two columns', () => {
    expect(displayWidth('操作成功')).toBe(8)
    expect(displayWidth('ok')).toBe(2)
    const text = table(
      ['MESSAGE', 'ID'],
      [
        ['操作成功', '1'],
        ['Operation successful', '2'],
      ],
    )
    const lines = text.trimEnd().split('\n')
    expect(lines).toEqual(['MESSAGE               ID', '操作成功              1', 'Operation successful  2'])
    expect(lines.map((line) => displayWidth(line))).toEqual([24, 23, 23])
  })

  it('strips control characters a server could use to rewrite the terminal', () => {
    expect(clean('ok\u001b[2J\u001b]0;title\u0007 done\r\nnext')).toBe('ok [2J ]0;title  done next')
    expect(table(['A'], [['x\u001b[31my']])).not.toContain('\u001b')
    expect(
      fields([
        ['message', 'a\nb'],
        ['empty', null],
        ['blank', ''],
      ]),
    ).toBe('message  a b\n')
  })

  it('explains a number that is both a statusCode and an apiCode with both meanings', () => {
    const catalog = loadCatalog()
    const statusCode = explain(catalog, { statusCode: 404 })!.statusCode!
    const apiCode = explain(catalog, { apiCode: 2004 })!.apiCode!
    const text = formatExplanation(
      404,
      { statusCode, apiCode: { ...apiCode, code: 404 }, failure: null },
      catalog.errorCodePage,
      'en-US',
    )
    const blocks = text.split('\n\n')
    expect(blocks).toHaveLength(2)
    expect(blocks[0]).toMatch(/^statusCode 404 {2}NotFoundError\n {2}meaning +\S/)
    expect(blocks[1]).toMatch(/^apiCode 404 {2}User not found\n {2}meaning +\S/)
  })
})

describe('option values', () => {
  it('reads channels in full or short, in any case', () => {
    expect(parseChannel('login')).toBe('CHANNEL_LOGIN')
    expect(parseChannel('Channel_Bind_MFA')).toBe('CHANNEL_BIND_MFA')
    expect(() => parseChannel('LOGINX')).toThrow(/expected one of CHANNEL_LOGIN/)
  })

  it('reads a country code with or without its plus, and leading zeros as the code they pad', () => {
    expect(parseCountryCode('+86')).toBe('+86')
    expect(parseCountryCode('852')).toBe('+852')
    expect(parseCountryCode('+086')).toBe('+86')
    expect(() => parseCountryCode('+12345')).toThrow(/\+ followed by a calling code/)
    expect(() => parseCountryCode('+999')).toThrow(/\+ followed by a calling code/)
  })

  it('reads a date alone as a whole local day, and a date-time as given', () => {
    expect(parseDateBound('from')('2026-05-01')).toBe(new Date(2026, 4, 1).getTime())
    expect(parseDateBound('to')('2026-05-01')).toBe(new Date(2026, 4, 2).getTime())
    expect(parseDateBound('to')('2026-12-31')).toBe(new Date(2027, 0, 1).getTime())
    expect(parseDateBound('from')('2026-05-01T14:30:00Z')).toBe(Date.UTC(2026, 4, 1, 14, 30))
    expect(parseDateBound('from')('2026-05-01T14:30:00+08:00')).toBe(Date.UTC(2026, 4, 1, 6, 30))
    expect(() => parseDateBound('from')('05/01/2026')).toThrow(/ISO date/)
    expect(() => parseDateBound('from')('2026-02-29')).toThrow(/not a calendar date/)
  })

  it('finds a secret passed as a flag, in any spelling, but not a value, its own flags or what follows --', () => {
    const own = new Set(['--token-from-env', '--note'])
    expect(secretFlagIn(['send', '--app-secret=abc'], own)).toBe('--app-secret')
    expect(secretFlagIn(['send', '--appSecret=abc'], own)).toBe('--appSecret')
    expect(secretFlagIn(['send', '--api_key', 'abc'], own)).toBe('--api_key')
    expect(secretFlagIn(['send', '--user-token', 'abc'], own)).toBe('--user-token')
    expect(secretFlagIn(['send', '--PASSWORD', 'abc'], own)).toBe('--PASSWORD')
    expect(secretFlagIn(['send', '--passwd=abc'], own)).toBe('--passwd')
    expect(secretFlagIn(['send', '--token-from-env', '--note', 'token'], own)).toBeNull()
    expect(secretFlagIn(['send', '--note', 'my-token'], own)).toBeNull()
    expect(secretFlagIn(['send', '--', '--token'], own)).toBeNull()
  })
})
