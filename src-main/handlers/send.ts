import type { CooldownReport } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import { withoutCooling } from '../cooldown'
import type { CooldownSubject } from '../history/types'
import type { SendServiceDeps } from '../sms/send-service'

/** What sending and the cooldown panel need: the send flow's own deps and a phone's cooldown report. */
export interface SendDeps extends SendServiceDeps {
  cooldownReport(subject: CooldownSubject): Promise<CooldownReport>
}

export function sendHandlers(deps: SendDeps): Pick<Handlers, 'sms.send' | 'sms.preview' | 'cooldown.forPhone'> {
  return {
    // The send flow (and the full phone metadata it checks numbers with) loads with the first send:
    // a command that only reads the history never needs it.
    'sms.send': async (input) => (await import('../sms/send-service')).sendSmsForUser(deps, input),
    // The same checks and request as a send, stopping before the write-ahead entry and the wire.
    'sms.preview': async (input) => (await import('../sms/send-service')).previewSendRequest(deps, input),
    'cooldown.forPhone': async ({ profileId, phoneNumber, phoneCountryCode }) => {
      const profile = deps.profiles.get(profileId)
      const report = await deps.cooldownReport({
        appId: profile.appId,
        phoneCountryCode: phoneCountryCode ?? null,
        phoneNumber,
      })
      return deps.isReservedTestNumber(profile, phoneNumber) ? withoutCooling(report) : report
    },
  }
}
