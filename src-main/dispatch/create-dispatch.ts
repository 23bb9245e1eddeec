import type { ProfileView } from '../shared/contract'
import { createDispatcher, type Dispatch, type Handlers } from '../dispatch/dispatcher'
import { appHandlers } from '../handlers/app'
import { historyHandlers } from '../handlers/history'
import { profileHandlers } from '../handlers/profiles'
import { sendHandlers } from '../handlers/send'
import { settingsHandlers } from '../handlers/settings'
import { teamHandlers } from '../handlers/team'
import type { Services } from '../services'
import { sendDepsOf } from './send-deps'

export interface DispatchOptions {
  /** A profile that exists for this dispatch only (the CLI's ad-hoc send), answering beside the stored ones. */
  standIn?: ProfileView
}

/**
 * Every contract call over the services, behind the dispatcher's validation. Electron's IPC, the
 * browser-mode host and the CLI all call through this one dispatch.
 */
export function createDispatch(services: Services, options: DispatchOptions = {}): Dispatch {
  const handlers: Handlers = {
    ...appHandlers({ appInfo: services.appInfo, warnings: services.warnings, catalog: services.catalog }),
    ...profileHandlers(services),
    ...sendHandlers(sendDepsOf(services, options.standIn ?? null)),
    ...historyHandlers(services),
    ...settingsHandlers(services),
    ...teamHandlers(services),
  }
  return createDispatcher(handlers, (name, error) => services.log.error(`${name} failed:`, error))
}
