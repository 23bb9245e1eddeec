import { InvalidArgumentError } from 'commander'
// The contract's own files rather than its index: a command loads only the schemas its options read.
import { Language, LANGUAGES, SMS_CHANNELS, SmsChannel } from '../shared/contract/channels'
import { HEADER_FAMILIES, HeaderFamily } from '../shared/contract/profiles'

/** `login`, `LOGIN` and `channel_login` all name CHANNEL_LOGIN. */
export function parseChannel(value: string): SmsChannel {
  const upper = value.trim().toUpperCase()
  const parsed = SmsChannel.safeParse(upper.startsWith('CHANNEL_') ? upper : `CHANNEL_${upper}`)
  if (!parsed.success) throw new InvalidArgumentError(`expected one of ${SMS_CHANNELS.join(', ')}`)
  return parsed.data
}

export function parseLanguage(value: string): Language {
  const parsed = Language.safeParse(value.trim())
  if (!parsed.success) throw new InvalidArgumentError(`expected one of ${LANGUAGES.join(', ')}`)
  return parsed.data
}

export function parseHeaderFamily(value: string): HeaderFamily {
  const parsed = HeaderFamily.safeParse(value.trim().toLowerCase())
  if (!parsed.success) throw new InvalidArgumentError(`expected one of ${HEADER_FAMILIES.join(', ')}`)
  return parsed.data
}

export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`)
    }
    return n
  }
}

export function parseCode(value: string): number {
  if (!/^\d{1,15}$/.test(value.trim())) throw new InvalidArgumentError('expected a numeric code, like 400 or 2004')
  return Number(value)
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * An ISO date or date-time as epoch ms. A date alone is a whole local day: `--from` starts at its
 * midnight, `--to` ends at the next midnight, since the history's upper bound is exclusive.
 */
export function parseDateBound(edge: 'from' | 'to'): (value: string) => number {
  return (value) => {
    const text = value.trim()
    const day = DATE_ONLY.exec(text)
    if (day) {
      const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])]
      const start = new Date(year, month - 1, date)
      if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) {
        throw new InvalidArgumentError(`${text} is not a calendar date`)
      }
      return edge === 'from' ? start.getTime() : new Date(year, month - 1, date + 1).getTime()
    }
    const at = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN
    if (!Number.isFinite(at)) {
      throw new InvalidArgumentError('expected an ISO date (2026-05-01) or date and time (2026-05-01T14:30:00Z)')
    }
    return at
  }
}
