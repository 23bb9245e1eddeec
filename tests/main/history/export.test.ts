import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryEntry } from '../../../src-main/shared/contract'
import { csvCell } from '../../../src-main/history'
import { newEntry, record, TempHistory, T0 } from './history-fixtures'

let temp: TempHistory
beforeEach(() => {
  temp = new TempHistory()
})
afterEach(() => temp.dispose())

/** A strict RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      index++
    } else {
      field += char
    }
  }
  expect(field).toBe('')
  expect(row).toEqual([])
  return rows
}

describe('csvCell', () => {
  it('defuses values a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+86')).toBe("'+86")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\t=1')).toBe("'\t=1")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
    expect(csvCell(-1)).toBe("'-1")
  })

  it('quotes per RFC 4180 only where needed', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('您的请求已超过最大数量限制')).toBe('您的请求已超过最大数量限制')
    expect(csvCell(null)).toBe('')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(429)).toBe('429')
  })
})

describe('history export', () => {
  function fill(): void {
    const history = temp.open()
    record(history, temp.clock, T0, newEntry({ note: '=cmd|" /C calc"!A0', phoneNumber: '18812348888' }), {
      kind: 'business-failure',
      statusCode: 429,
      message: '您的请求已超过最大数量限制，请稍后重试',
    })
    record(history, temp.clock, T0 + 1000, newEntry({ note: 'line one\nline "two", done', phoneNumber: '13800138000' }))
    record(history, temp.clock, T0 + 2000, newEntry({ channel: 'CHANNEL_REGISTER', phoneCountryCode: null }))
  }

  it('writes CSV that a strict reader reads back, cell for cell, phones masked', () => {
    fill()
    const result = temp.open().export({}, 'csv', false)
    expect(result.count).toBe(3)
    expect(result.fileName).toBe('sms-history-20250506T100002Z.csv')
    expect(result.content.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(result.content.slice(1))
    expect(rows).toHaveLength(3)
    const byName = rows.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index]])))
    expect(byName.map((row) => row.phoneNumber)).toEqual(['138****5678', '138****8000', '188****8888'])
    expect(byName[1]!.note).toBe('line one\nline "two", done')
    expect(byName[2]!.note).toBe(`'=cmd|" /C calc"!A0`)
    expect(byName[2]!.message).toBe('您的请求已超过最大数量限制，请稍后重试')
    expect(byName[2]!.phoneCountryCode).toBe("'+86")
    expect(byName[0]!.phoneCountryCode).toBe('')
    expect(byName[2]!.createdAt).toBe('2025-05-06T10:00:00.000Z')
    expect(result.content).not.toContain('18812348888')
  })

  it('reveals phones only when asked', () => {
    fill()
    const revealed = temp.open().export({}, 'csv', true).content
    expect(revealed).toContain('18812348888')
    expect(revealed).toContain('13800138000')
  })

  it('writes JSON with the full entries of the filter', () => {
    fill()
    const masked = temp.open().export({ channel: 'CHANNEL_LOGIN' }, 'json', false)
    expect(masked.fileName).toMatch(/\.json$/)
    const parsed = JSON.parse(masked.content) as { count: number; entries: unknown[] }
    expect(parsed.count).toBe(2)
    const entries = parsed.entries.map((entry) => HistoryEntry.parse(entry))
    expect(entries.map((entry) => entry.note)).toEqual(['line one\nline "two", done', '=cmd|" /C calc"!A0'])
    expect(masked.content).not.toContain('18812348888')
    expect(entries[1]!.request!.body).toContain('188****8888')
    const revealed = JSON.parse(temp.open().export({ channel: 'CHANNEL_LOGIN' }, 'json', true).content)
    expect(revealed.entries[1].request.body).toContain('18812348888')
  })

  it('writes valid files for a filter that matches nothing', () => {
    fill()
    const history = temp.open()
    const json = history.export({ profileId: 'nobody' }, 'json', false)
    expect(json.count).toBe(0)
    expect(JSON.parse(json.content)).toMatchObject({ count: 0, entries: [] })
    const csv = history.export({ profileId: 'nobody' }, 'csv', false)
    expect(csv.count).toBe(0)
    expect(parseCsv(csv.content.slice(1))).toHaveLength(1)
  })
})
