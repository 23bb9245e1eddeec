import { DEFAULT_COUNTRY_CODE, type SendSmsBody } from './validate'

/**
 * The documented rule "one SMS per phone number per channel per minute", kept per app. An absent
 * country code counts as +86, the same phone as an explicit +86. A refused send does not extend the wait.
 */
export class SendThrottle {
  private readonly lastSent = new Map<string, number>()

  constructor(
    private readonly clock: () => number,
    private readonly cooldownMs: number,
  ) {}

  /** Records the send and returns true when allowed; returns false while the key is cooling down. */
  tryAcquire(appId: string, body: SendSmsBody): boolean {
    const key = [appId, body.phoneCountryCode ?? DEFAULT_COUNTRY_CODE, body.phoneNumber, body.channel].join('|')
    const now = this.clock()
    const last = this.lastSent.get(key)
    if (last !== undefined && now - last < this.cooldownMs) return false
    this.lastSent.set(key, now)
    return true
  }

  clear(): void {
    this.lastSent.clear()
  }
}
