import type { SmsChannel } from '../shared/contract/channels'
import type { CooldownSubject } from '../history/types'
import { cooldownCountryCode } from '../shared/phone/country-code'

/** What GenAuth's one-per-minute rule applies to: a phone, on one channel, within one application. */
export interface CooldownKey extends CooldownSubject {
  channel: SmsChannel
}

/**
 * A collision-free text form of the key, for maps. The phone counts by its digits and its country code
 * as GenAuth reads it, as in the history: `138 1234 5678` and `13812345678` are one number, and so are
 * no country code and `+86`.
 */
export function keyText(key: CooldownKey): string {
  const phone = key.phoneNumber.replace(/\D/g, '') || key.phoneNumber
  return JSON.stringify([key.appId, cooldownCountryCode(key.phoneCountryCode), phone, key.channel])
}
