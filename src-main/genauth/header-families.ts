import type { HeaderFamily } from '../shared/contract/profiles'

/** The values that identify the app and the caller, whichever header names carry them. */
export interface IdentityValues {
  appId: string
  lang: string
  requestFrom: string
  sdkVersion: string
}

/**
 * Authing's SDKs name these `x-authing-*`, GenAuth's own SDKs `x-genauth-*`; no public source says
 * whether either host reads the other's names, so "both" sends each name with the same value.
 */
const PREFIXES: Record<HeaderFamily, readonly string[]> = {
  both: ['x-authing-', 'x-genauth-'],
  genauth: ['x-genauth-'],
  authing: ['x-authing-'],
}

export function identityHeaders(family: HeaderFamily, values: IdentityValues): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const prefix of PREFIXES[family]) {
    headers[`${prefix}app-id`] = values.appId
    headers[`${prefix}lang`] = values.lang
    headers[`${prefix}request-from`] = values.requestFrom
    headers[`${prefix}sdk-version`] = values.sdkVersion
  }
  return headers
}
