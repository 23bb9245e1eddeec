import type { ExportFormat, HistoryEntry } from '../shared/contract/history'

type Cell = string | number | boolean | null

const CSV_COLUMNS: { name: string; value: (entry: HistoryEntry) => Cell }[] = [
  { name: 'id', value: (e) => e.id },
  { name: 'createdAt', value: (e) => isoTime(e.createdAt) },
  { name: 'completedAt', value: (e) => (e.completedAt === null ? null : isoTime(e.completedAt)) },
  { name: 'profileId', value: (e) => e.profileId },
  { name: 'profileName', value: (e) => e.profileName },
  { name: 'environment', value: (e) => e.environment },
  { name: 'appId', value: (e) => e.appId },
  { name: 'channel', value: (e) => e.channel },
  { name: 'phoneCountryCode', value: (e) => e.phoneCountryCode },
  { name: 'phoneNumber', value: (e) => e.phoneNumber },
  { name: 'operator', value: (e) => e.operator },
  { name: 'note', value: (e) => e.note },
  { name: 'cooldownOverride', value: (e) => e.cooldownOverride },
  { name: 'validationOverride', value: (e) => e.validationOverride },
  { name: 'outcome', value: (e) => e.outcome },
  { name: 'httpStatus', value: (e) => e.httpStatus },
  { name: 'statusCode', value: (e) => e.statusCode },
  { name: 'apiCode', value: (e) => e.apiCode },
  { name: 'message', value: (e) => e.message },
  { name: 'requestId', value: (e) => e.requestId },
  { name: 'latencyMs', value: (e) => e.latencyMs },
]

/** A cell that starts like a formula is what spreadsheet formula injection needs. */
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/**
 * One CSV cell (RFC 4180). A value a spreadsheet would run as a formula (starting with = + - @ tab or
 * CR) gets a leading apostrophe, which spreadsheets show as text; a value with a comma, quote or line
 * break is quoted, quotes doubled.
 */
export function csvCell(value: Cell): string {
  if (value === null) return ''
  let text = String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The flat fields of each entry, one row each, CRLF line ends, with a byte order mark so spreadsheets
 * read the UTF-8 (Chinese messages) correctly. The full request and response are in the JSON export.
 */
export function toCsv(entries: Iterable<HistoryEntry>): { content: string; count: number } {
  const lines = [CSV_COLUMNS.map((column) => csvCell(column.name)).join(',')]
  for (const entry of entries) lines.push(CSV_COLUMNS.map((column) => csvCell(column.value(entry))).join(','))
  return { content: `\uFEFF${lines.join('\r\n')}\r\n`, count: lines.length - 1 }
}

/** The full entries, one compact line each inside the array, so a large export stays readable line by line. */
export function toJson(entries: Iterable<HistoryEntry>, exportedAt: number): { content: string; count: number } {
  const lines: string[] = []
  for (const entry of entries) lines.push(`    ${JSON.stringify(entry)}`)
  const head = `{\n  "exportedAt": ${JSON.stringify(isoTime(exportedAt))},\n  "count": ${lines.length},\n  "entries": [`
  const content = lines.length > 0 ? `${head}\n${lines.join(',\n')}\n  ]\n}\n` : `${head}]\n}\n`
  return { content, count: lines.length }
}

export function exportFileName(format: ExportFormat, now: number): string {
  const stamp = isoTime(now)
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
  return `sms-history-${stamp}.${format}`
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}
