import type { ProfileView } from '../shared/contract'
import { createDispatcher, type Dispatch } from '../dispatch/dispatcher'
import { scenarioFor } from '../emulator/scenarios'
import { normalizeAppHost } from '../genauth/app-host-url'
import { createHandlers } from '../handlers'
import type { Services } from '../services'
import type { SendServiceDeps } from '../sms/send-service'

/**
 * The app's own dispatcher and handlers over the app's send flow; an ad-hoc profile, when given,
 * stands in for the stored ones.
 */
export function sendDispatch(services: Services, adHoc: ProfileView | null): Dispatch {
  if (!adHoc) return services.dispatch
  const sendDeps = sendDepsFor(services, adHoc)
  return createDispatcher(createHandlers({ ...services, sendDeps }), (name, error) =>
    services.log.error(`cli ${name} failed:`, error),
  )
}

/** The send flow's dependencies, with an ad-hoc profile standing in for the stored ones when given. */
export function sendDepsFor(services: Services, adHoc: ProfileView | null): SendServiceDeps {
  return adHoc ? { ...services.sendDeps, ...adHocDeps(adHoc) } : services.sendDeps
}

function adHocDeps(
  profile: ProfileView,
): Pick<SendServiceDeps, 'profiles' | 'resolveAppHost' | 'isReservedTestNumber'> {
  return {
    profiles: {
      get: () => profile,
      // An ad-hoc profile holds no secret: a user token comes with the send itself.
      credentialsFor: () => Promise.resolve({ appSecret: null, accessToken: null }),
    },
    resolveAppHost: async () => normalizeAppHost(profile.appHost),
    // A local host may well be `npm run emulator`; its reserved numbers reach no phone anyway.
    isReservedTestNumber: (_profile, phoneNumber) =>
      profile.environment === 'sandbox' && scenarioFor(phoneNumber) !== undefined,
  }
}
