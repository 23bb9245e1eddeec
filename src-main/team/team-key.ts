import type { CooldownSubject } from '../history/types'

/** GenAuth sends to mainland China when a request names no country code. */
export const DEFAULT_COUNTRY_CODE = '+86'

/**
 * The phone a team cooldown belongs to, the same on every console: the app, the country code (+86 when
 * absent, as GenAuth reads it) and the digits of the number (as written when it has none).
 */
export function cooldownPhone(subject: CooldownSubject): string {
  const digits = subject.phoneNumber.replace(/\D/g, '') || subject.phoneNumber
  return JSON.stringify([subject.appId, subject.phoneCountryCode ?? DEFAULT_COUNTRY_CODE, digits])
}

/** The text whose hash names the key's advisory lock: the phone and one channel code. */
export function lockText(subject: CooldownSubject, channelCode: number): string {
  return `${cooldownPhone(subject)}#${channelCode}`
}
