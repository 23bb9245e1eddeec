import type { CallInput, CooldownReport } from '../../src-main/shared/contract'
import type { Dispatch } from '../../src-main/dispatch/dispatcher'
import { createDispatch } from '../../src-main/dispatch/create-dispatch'
import { createServices, type Services, type ServicesOptions } from '../../src-main/services'

/** The services as the app opens them, with the dispatch Electron, browser mode and the CLI call through. */
export type OpenApp = Services & {
  dispatch: Dispatch
  /** The cooldown panel's report, through its contract call. */
  cooldownFor(input: CallInput<'cooldown.forPhone'>): Promise<CooldownReport>
}

export async function openApp(options: ServicesOptions): Promise<OpenApp> {
  const services = await createServices(options)
  const dispatch = createDispatch(services)
  return {
    ...services,
    dispatch,
    cooldownFor: async (input) => {
      const envelope = await dispatch('cooldown.forPhone', input)
      if (!envelope.ok) throw new Error(`cooldown.forPhone failed: ${envelope.error.message}`)
      return envelope.value as CooldownReport
    },
  }
}
