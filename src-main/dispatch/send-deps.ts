import type { ProfileView } from '../shared/contract'
import { scenarioFor } from '../emulator/scenarios'
import { normalizeAppHost } from '../genauth/app-host-url'
import { prepareSendSms } from '../genauth/client'
import type { SendDeps } from '../handlers/send'
import { registerSecret } from '../logging'
import type { Services } from '../services'
import { version } from '../../package.json'

/**
 * The send flow over the services. A stand-in profile (the CLI's ad-hoc one) answers for its own id
 * beside the stored profiles: it holds no secret and sends to its own host.
 */
export function sendDepsOf(services: Services, standIn: ProfileView | null): SendDeps {
  const { profiles, emulator, cooldowns } = services
  const isStandIn = (profile: ProfileView): boolean => standIn !== null && profile.id === standIn.id
  return {
    profiles: {
      get: (id) => (standIn && id === standIn.id ? standIn : profiles.get(id)),
      // A stand-in holds no secret: a user token comes with the send itself.
      credentialsFor: (id) =>
        standIn && id === standIn.id
          ? Promise.resolve({ appSecret: null, accessToken: null })
          : profiles.credentialsFor(id),
    },
    resolveAppHost: async (profile) =>
      profile.builtIn ? (await emulator.start()).url : normalizeAppHost(profile.appHost),
    // The built-in sandbox sends to the embedded emulator; a stand-in on this computer may well be
    // `npm run emulator`. The reserved numbers of either reach no phone.
    isReservedTestNumber: (profile, phoneNumber) =>
      (isStandIn(profile) ? profile.environment === 'sandbox' : profile.builtIn) &&
      scenarioFor(phoneNumber) !== undefined,
    language: (profile) => services.language(profile),
    cooldown: cooldowns,
    cooldownReport: (subject) => cooldowns.report(subject),
    // The team database's history when one is in use; an unreachable one refuses the send before anything goes out.
    sendHistory: () => services.team.sendHistory(),
    // Every token that takes part in a send is known to the log's redaction before it can reach a log line.
    prepareSend: (request) => {
      if (request.accessToken) registerSecret(request.accessToken)
      return prepareSendSms(request, { appVersion: version })
    },
    log: services.log,
    operator: services.operator,
  }
}
