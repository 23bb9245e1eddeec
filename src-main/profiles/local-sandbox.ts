import type { z } from 'zod'
import type { ProfileFields } from '../shared/contract'

export const LOCAL_SANDBOX_ID = 'local-sandbox'

/**
 * The stored host of the built-in profile. It is a marker, not an address: the composition root sends
 * this profile to the embedded emulator, whose port changes at every start.
 */
export const EMBEDDED_EMULATOR_HOST = 'embedded-emulator'

/** The built-in profile as it is on the first start; only its host and environment are fixed. */
export const LOCAL_SANDBOX_FIELDS: z.output<typeof ProfileFields> = {
  name: 'Local sandbox',
  environment: 'sandbox',
  appHost: EMBEDDED_EMULATOR_HOST,
  appId: 'local-sandbox-app',
  language: 'auto',
  timeoutMs: 10_000,
  headerFamily: 'both',
}
