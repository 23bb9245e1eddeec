import { ConsoleError, ProfileFields, type HeaderFamily, type ProfileView } from '../shared/contract'
import { isLoopback, normalizeAppHost } from '../genauth/app-host'
import { CliError } from './cli-error'

/** The profile id every ad-hoc send is recorded under, so `history --profile ad-hoc` finds them all. */
export const AD_HOC_PROFILE_ID = 'ad-hoc'

const MAX_NAME_LENGTH = 80

/** How long an ad-hoc send waits for its answer unless told otherwise. */
export const DEFAULT_AD_HOC_TIMEOUT_MS = 10_000

/** The host of a profile that only reads a cooldown: reserved, so it can never resolve or be sent to. */
const NO_HOST = 'https://ad-hoc.invalid'

/**
 * A profile that exists for one send only: never stored, holding no secret. A host on this computer is
 * a sandbox (an emulator or a local server); any other host is production, so it needs `--yes`.
 */
export function adHocProfile(
  host: string,
  appId: string,
  timeoutMs: number,
  headerFamily: HeaderFamily = 'both',
): ProfileView {
  let appHost: string
  try {
    appHost = normalizeAppHost(host)
  } catch (error) {
    if (error instanceof ConsoleError) throw CliError.usage(`--host: ${error.message}`)
    throw error
  }
  const parsed = ProfileFields.safeParse({
    name: `ad-hoc ${appHost}`.slice(0, MAX_NAME_LENGTH),
    environment: isLoopback(new URL(appHost).hostname) ? 'sandbox' : 'production',
    appHost,
    appId,
    language: 'auto',
    timeoutMs,
    headerFamily,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw CliError.usage(`the ad-hoc profile is not valid: ${issue?.path.join('.')}: ${issue?.message}`)
  }
  return { ...parsed.data, id: AD_HOC_PROFILE_ID, builtIn: false, hasAppSecret: false, hasAccessToken: false }
}

/**
 * A profile for reading an App ID's cooldown (`cooldown --app-id`): the cooldown belongs to the App ID,
 * not to a host, so it names none that could be sent to, and no number counts as reserved.
 */
export function adHocAppProfile(appId: string): ProfileView {
  return adHocProfile(NO_HOST, appId, DEFAULT_AD_HOC_TIMEOUT_MS)
}
