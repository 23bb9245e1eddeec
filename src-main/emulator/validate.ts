import { isValidPhoneNumber } from 'libphonenumber-js'
import { SMS_CHANNELS, type SmsChannel } from '../shared/contract/channels'
import type { AnswerName } from './responses'

export interface SendSmsBody {
  channel: SmsChannel
  phoneNumber: string
  phoneCountryCode?: string
}

export type BodyCheck = { ok: true; body: SendSmsBody } | { ok: false; answer: AnswerName }

/** GenAuth documents mainland numbers as sendable without a country code. */
export const DEFAULT_COUNTRY_CODE = '+86'

const channels: ReadonlySet<string> = new Set(SMS_CHANNELS)

/**
 * The shape rules, applied in this order: a JSON object; channel present and one of the SDK's enum;
 * phoneNumber a non-empty string, not starting with `+`, digits only; phoneCountryCode, when present,
 * `+` and 1-4 digits. The real server's rules are not published; these are the emulator's.
 */
export function checkBody(value: unknown): BodyCheck {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, answer: 'bodyNotJson' }
  const { channel, phoneNumber, phoneCountryCode } = value as Record<string, unknown>

  if (typeof channel !== 'string' || channel === '') return { ok: false, answer: 'channelMissing' }
  if (!channels.has(channel)) return { ok: false, answer: 'channelUnknown' }
  if (typeof phoneNumber !== 'string' || phoneNumber === '') return { ok: false, answer: 'phoneMissing' }
  if (phoneNumber.startsWith('+')) return { ok: false, answer: 'phoneHasCountryCode' }
  if (!/^\d+$/.test(phoneNumber)) return { ok: false, answer: 'phoneMalformed' }
  if (
    phoneCountryCode !== undefined &&
    (typeof phoneCountryCode !== 'string' || !/^\+\d{1,4}$/.test(phoneCountryCode))
  ) {
    return { ok: false, answer: 'countryCodeMalformed' }
  }

  const body: SendSmsBody = { channel: channel as SmsChannel, phoneNumber }
  if (phoneCountryCode !== undefined) body.phoneCountryCode = phoneCountryCode
  return { ok: true, body }
}

/**
 * Whether the number can exist in its country (libphonenumber-js's default metadata: length and
 * leading digits). Checked after the reserved numbers, which are deliberately not real.
 */
export function isPlausiblePhone(body: SendSmsBody): boolean {
  return isValidPhoneNumber(`${body.phoneCountryCode ?? DEFAULT_COUNTRY_CODE}${body.phoneNumber}`)
}
