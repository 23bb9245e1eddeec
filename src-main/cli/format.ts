import type {
  CatalogEntry,
  CooldownReport,
  HistoryEntry,
  HistoryPage,
  Language,
  ProfileList,
  ProfileView,
  SendOutcome,
} from '../shared/contract'
import type { Explanation } from '../genauth/catalog'

/**
 * Plain-text output for people: aligned columns, no colour codes (a pipe, a file and a terminal get the
 * same bytes). `--json` output is not made here: commands print the contract's values as they are.
 */

const NONE = '-'

/** Control characters from a server's answer could move the cursor or recolour a terminal. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1
  return width
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

/** A header row and rows, each column as wide as its widest cell, two spaces apart. */
export function table(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(clean))]
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => displayWidth(row[column] ?? ''))))
  return cells
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('')
}

/** `label  value` lines, labels aligned; pairs without a value are left out. */
export function fields(pairs: Array<[string, string | null]>): string {
  const present = pairs.filter((pair): pair is [string, string] => pair[1] !== null && pair[1] !== '')
  const width = Math.max(0, ...present.map(([label]) => label.length))
  return present.map(([label, value]) => `${pad(label, width)}  ${clean(value)}\n`).join('')
}

/** Local time, to the second: `2026-05-01 14:30:05`. */
export function formatTime(epochMs: number): string {
  const at = new Date(epochMs)
  const two = (n: number): string => String(n).padStart(2, '0')
  return (
    `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ` +
    `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`
  )
}

function code(value: number | null, entry: CatalogEntry | null): string | null {
  if (value === null) return null
  return entry ? `${value} ${entry.name}` : String(value)
}

export function formatSendOutcome(
  outcome: SendOutcome,
  profile: ProfileView,
  explanation: Explanation | null,
  language: Language,
): string {
  const { result } = outcome
  const advice = explanation?.apiCode ?? explanation?.statusCode ?? explanation?.failure ?? null
  return fields([
    ['outcome', result.kind],
    ['profile', `${profile.name} (${profile.environment})`],
    ['HTTP status', result.httpStatus === null ? null : String(result.httpStatus)],
    ['statusCode', code(result.statusCode, explanation?.statusCode ?? null)],
    ['apiCode', code(result.apiCode, explanation?.apiCode ?? null)],
    ['message', result.message],
    ['error', result.errorCode ? `${result.errorCode}: ${result.errorMessage ?? ''}` : result.errorMessage],
    ['requestId', result.requestId],
    ['latency', `${Math.round(result.latencyMs)} ms`],
    [
      'history entry',
      outcome.recordFailure
        ? `${outcome.entryId} (answer not recorded: ${outcome.recordFailure})`
        : String(outcome.entryId),
    ],
    ['meaning', advice ? advice.meaning[language] : null],
    ['next step', result.kind === 'success' || !advice ? null : advice.nextStep[language]],
  ])
}

/** The line on stderr when the answer above could not be recorded; the exit code still follows the answer. */
export function notRecordedLine(reason: string): string {
  return `warning: the answer was not recorded in the history (${reason}); the channel still cools down.`
}

/** The one-line reason a failed send leaves on stderr. */
export function sendFailureLine(outcome: SendOutcome, explanation: Explanation | null): string {
  const { result } = outcome
  if (result.kind === 'business-failure') {
    const status = code(result.statusCode, explanation?.statusCode ?? null)
    const api = result.apiCode === null ? '' : `, apiCode ${code(result.apiCode, explanation?.apiCode ?? null)}`
    return clean(`send failed: statusCode ${status}${api}: ${result.message ?? 'no message'}`)
  }
  const detail = [result.errorCode, result.errorMessage].filter(Boolean).join(': ')
  return clean(`send failed (${result.kind})${detail ? `: ${detail}` : ''}`)
}

function phoneOf(entry: HistoryEntry): string {
  return entry.phoneCountryCode ? `${entry.phoneCountryCode} ${entry.phoneNumber}` : entry.phoneNumber
}

function optional(value: number | string | null): string {
  return value === null ? NONE : String(value)
}

export function formatHistoryPage(page: HistoryPage): string {
  if (page.entries.length === 0) return 'No history entries match.\n'
  const rows = page.entries.map((entry) => [
    String(entry.id),
    formatTime(entry.createdAt),
    entry.profileName,
    entry.channel,
    phoneOf(entry),
    entry.outcome,
    optional(entry.statusCode),
    optional(entry.apiCode),
    optional(entry.requestId),
  ])
  const counts = Object.entries(page.counts)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ')
  const more = page.nextCursor ? ' Raise --limit or narrow the filters to see the rest.' : ''
  return (
    table(['ID', 'TIME', 'PROFILE', 'CHANNEL', 'PHONE', 'OUTCOME', 'STATUS', 'API CODE', 'REQUEST ID'], rows) +
    `\n${page.entries.length} of ${page.total} matching entries (${counts}).${more}\n`
  )
}

export function formatProfiles(list: ProfileList): string {
  const rows = list.profiles.map((profile) => [
    profile.id === list.activeId ? '*' : '',
    profile.name,
    profile.environment,
    profile.builtIn ? 'embedded emulator' : profile.appHost,
    profile.appId,
    profile.hasAccessToken ? 'stored' : NONE,
    profile.id,
  ])
  return table(['', 'NAME', 'ENVIRONMENT', 'HOST', 'APP ID', 'TOKEN', 'ID'], rows) + '\n* active profile\n'
}

export function formatCooldown(report: CooldownReport): string {
  const rows = report.channels.map((channel) => [
    channel.channel,
    channel.state,
    channel.until === null ? NONE : `${Math.max(0, Math.ceil((channel.until - report.now) / 1000))} s`,
    // `maybe-sent (timeout)`: the send may have gone out, and how it ended.
    channel.reason === 'maybe-sent' ? `maybe-sent (${channel.outcome})` : (channel.reason ?? NONE),
  ])
  return table(['CHANNEL', 'STATE', 'FREE IN', 'REASON'], rows)
}

export function formatExplanation(
  value: number,
  explanation: Explanation | null,
  errorCodePage: string,
  language: Language,
): string {
  const entries = [explanation?.statusCode, explanation?.apiCode].filter((entry): entry is CatalogEntry => !!entry)
  if (entries.length === 0) return `${value} is neither a known statusCode nor a known apiCode. See ${errorCodePage}\n`
  return entries
    .map(
      (entry) =>
        `${entry.kind} ${entry.code}  ${entry.name}${entry.source === 'emulator' ? '  (emulator only, not a GenAuth code)' : ''}\n` +
        fields([
          ['  meaning', entry.meaning[language]],
          ['  next step', entry.nextStep[language]],
        ]),
    )
    .join('\n')
}
