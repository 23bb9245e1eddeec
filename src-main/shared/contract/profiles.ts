import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { Language } from './channels'
import { ErrorText } from './errors'
import { displayName, withoutControl } from './text'

export const ENVIRONMENTS = ['production', 'staging', 'sandbox'] as const
export const Environment = z.enum(ENVIRONMENTS)
export type Environment = z.infer<typeof Environment>

/** `auto` follows the UI language for `x-authing-lang`. */
export const ProfileLanguage = lazySchema(() => z.union([z.literal('auto'), Language]))
export type ProfileLanguage = z.infer<typeof ProfileLanguage>

/**
 * Which header names identify the app: the `x-authing-` family the Authing SDKs send, the `x-genauth-`
 * family GenAuth's own SDKs send, or both with the same values (so a server reading either finds its own).
 * A gateway that refuses unknown headers needs one family only.
 */
export const HEADER_FAMILIES = ['both', 'genauth', 'authing'] as const
export const HeaderFamily = z.enum(HEADER_FAMILIES)
export type HeaderFamily = z.infer<typeof HeaderFamily>

/** Everything a user edits on a profile; no secret is among these fields. */
export const ProfileFields = lazySchema(() =>
  z.strictObject({
    name: displayName(80, 'give the profile a name'),
    environment: Environment,
    appHost: z.string().trim().min(1, 'enter the application host').max(300),
    appId: withoutControl(z.string().trim().min(1, 'enter the App ID').max(200)),
    language: ProfileLanguage.default('auto'),
    timeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
    headerFamily: HeaderFamily.default('both'),
  }),
)
export type ProfileFields = z.input<typeof ProfileFields>

/** What the renderer sees of a profile: never the secret or the token, only whether each is stored. */
export const ProfileView = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    environment: Environment,
    appHost: z.string(),
    appId: z.string(),
    language: ProfileLanguage,
    timeoutMs: z.number().int(),
    headerFamily: HeaderFamily,
    /** The built-in "Local sandbox": always sends to the embedded emulator, cannot be deleted. */
    builtIn: z.boolean(),
    hasAppSecret: z.boolean(),
    hasAccessToken: z.boolean(),
  }),
)
export type ProfileView = z.infer<typeof ProfileView>

export const ProfileList = lazySchema(() =>
  z.object({
    profiles: z.array(ProfileView),
    activeId: z.string(),
  }),
)
export type ProfileList = z.infer<typeof ProfileList>

export const SECRET_KINDS = ['appSecret', 'accessToken'] as const
export const SecretKind = z.enum(SECRET_KINDS)
export type SecretKind = z.infer<typeof SecretKind>

export const KeychainStatus = lazySchema(() =>
  z.object({
    available: z.boolean(),
    backend: z.enum(['keytar', 'napi-keyring']),
    /** Why it is unavailable, and how to fix it on this OS. */
    problem: ErrorText.nullable(),
    fix: ErrorText.nullable(),
  }),
)
export type KeychainStatus = z.infer<typeof KeychainStatus>
