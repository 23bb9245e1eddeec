import { SMS_CHANNELS, type SmsChannel } from '../shared/contract/channels'
import { OUTCOMES, type Outcome } from '../shared/contract/history'

/**
 * Channels and outcomes are stored as small integers (one byte each instead of up to 29). The numbers
 * are written to disk: never renumber one; a new value gets the next free number.
 */
const CHANNEL_CODES: Record<SmsChannel, number> = {
  CHANNEL_LOGIN: 1,
  CHANNEL_REGISTER: 2,
  CHANNEL_RESET_PASSWORD: 3,
  CHANNEL_BIND_PHONE: 4,
  CHANNEL_UNBIND_PHONE: 5,
  CHANNEL_BIND_MFA: 6,
  CHANNEL_VERIFY_MFA: 7,
  CHANNEL_UNBIND_MFA: 8,
  CHANNEL_COMPLETE_PHONE: 9,
  CHANNEL_IDENTITY_VERIFICATION: 10,
  CHANNEL_DELETE_ACCOUNT: 11,
}

const OUTCOME_CODES: Record<Outcome, number> = {
  sending: 0,
  success: 1,
  'business-failure': 2,
  'http-failure': 3,
  timeout: 4,
  'network-failure': 5,
  'unparseable-body': 6,
  unknown: 7,
}

const channelByCode = invert(CHANNEL_CODES, SMS_CHANNELS)
const outcomeByCode = invert(OUTCOME_CODES, OUTCOMES)

export const SENDING = OUTCOME_CODES.sending
export const SUCCESS = OUTCOME_CODES.success
export const UNKNOWN = OUTCOME_CODES.unknown

export function channelCode(channel: SmsChannel): number {
  return CHANNEL_CODES[channel]
}

export function outcomeCode(outcome: Outcome): number {
  return OUTCOME_CODES[outcome]
}

export function channelOf(code: number): SmsChannel {
  return known(channelByCode, code, 'channel')
}

export function outcomeOf(code: number): Outcome {
  return known(outcomeByCode, code, 'outcome')
}

function invert<T extends string>(codes: Record<T, number>, names: readonly T[]): Map<number, T> {
  return new Map(names.map((name) => [codes[name], name]))
}

function known<T>(byCode: Map<number, T>, code: number, what: string): T {
  const value = byCode.get(code)
  // A code this build does not know was written by a newer version of the app.
  if (value === undefined) throw new Error(`The history database holds an unknown ${what} code ${code}.`)
  return value
}
