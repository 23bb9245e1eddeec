import { z } from 'zod'
import { AppInfo, DataWarning } from './app-info'
import { Catalog } from './catalog'
import { CooldownReport } from './cooldown'
import { CountryCode, RedactedRequest, SendInput, SendOutcome } from './send'
import { ExportFormat, HistoryEntry, HistoryFilter, HistoryPage, HistoryQuery } from './history'
import { Reproduction } from './reproduce'
import { KeychainStatus, ProfileFields, ProfileList, ProfileView, SecretKind } from './profiles'
import { Settings, SettingsPatch } from './settings'
import { TeamDatabaseConfig, TeamStatus } from './team'
import { CALL_NAMES, type CallName } from './call-names'
import { lazySchema } from './lazy-schema'

const Empty = z.strictObject({})
const ProfileId = lazySchema(() => z.string().min(1).max(200))

/**
 * Every call the renderer can make, the one list both transports serve.
 * Inputs are strict: an unknown field is an error, not something to ignore.
 */
export const calls = {
  'app.info': { input: Empty, output: AppInfo },
  /** Removes one of AppInfo's warnings; answers with those left. */
  'app.dismissWarning': {
    input: lazySchema(() => z.strictObject({ id: z.string().min(1).max(100) })),
    output: lazySchema(() => z.array(DataWarning)),
  },
  'catalog.get': { input: Empty, output: Catalog },

  'profiles.list': { input: Empty, output: ProfileList },
  'profiles.create': { input: lazySchema(() => z.strictObject({ fields: ProfileFields })), output: ProfileView },
  'profiles.update': {
    input: lazySchema(() => z.strictObject({ id: ProfileId, fields: ProfileFields })),
    output: ProfileView,
  },
  'profiles.duplicate': { input: lazySchema(() => z.strictObject({ id: ProfileId })), output: ProfileView },
  /** Answers with the profiles left and the active one (the Local sandbox when the deleted one was). */
  'profiles.delete': { input: lazySchema(() => z.strictObject({ id: ProfileId })), output: ProfileList },
  'profiles.setActive': { input: lazySchema(() => z.strictObject({ id: ProfileId })), output: ProfileList },
  'profiles.setSecret': {
    input: lazySchema(() =>
      z.strictObject({
        id: ProfileId,
        kind: SecretKind,
        /** null removes the stored value. */
        value: z.string().min(1).max(8192).nullable(),
      }),
    ),
    output: ProfileView,
  },
  'profiles.export': { input: Empty, output: lazySchema(() => z.object({ json: z.string() })) },
  'profiles.import': {
    input: lazySchema(() => z.strictObject({ json: z.string().max(1_000_000) })),
    output: lazySchema(() => z.object({ imported: z.number().int() })),
  },
  'keychain.status': { input: Empty, output: KeychainStatus },

  'sms.send': { input: SendInput, output: SendOutcome },
  /** The request a send would put on the wire, secrets redacted: nothing is sent or recorded. */
  'sms.preview': { input: SendInput, output: RedactedRequest },

  'cooldown.forPhone': {
    input: lazySchema(() =>
      z.strictObject({
        profileId: ProfileId,
        phoneNumber: z.string().max(32),
        phoneCountryCode: CountryCode.optional(),
      }),
    ),
    output: CooldownReport,
  },

  'history.query': { input: HistoryQuery, output: HistoryPage },
  'history.get': {
    input: lazySchema(() => z.strictObject({ id: z.number().int(), revealPhone: z.boolean().default(false) })),
    output: HistoryEntry,
  },
  'history.export': {
    input: lazySchema(() =>
      z.strictObject({
        filter: HistoryFilter.default({}),
        format: ExportFormat,
        revealPhones: z.boolean().default(false),
      }),
    ),
    output: lazySchema(() => z.object({ fileName: z.string(), content: z.string(), count: z.number().int() })),
  },
  'history.clear': {
    input: lazySchema(() => z.strictObject({ confirm: z.literal(true) })),
    output: lazySchema(() => z.object({ deleted: z.number().int() })),
  },
  /** A recorded request as a curl command and SDK snippets; the access token is a variable reference. */
  'request.reproduce': { input: lazySchema(() => z.strictObject({ entryId: z.number().int() })), output: Reproduction },

  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },

  /** The team database in use (the settings' or the environment's) and its live state. */
  'team.status': { input: Empty, output: TeamStatus },
  /** Connects to a database without saving it; a password given here is used for this test only. */
  'team.test': {
    input: lazySchema(() =>
      z.strictObject({ config: TeamDatabaseConfig, password: z.string().min(1).max(1024).optional() }),
    ),
    output: TeamStatus,
  },
  /** Stores (or with null removes) the team database password in the OS keychain. */
  'team.setPassword': {
    input: lazySchema(() => z.strictObject({ value: z.string().min(1).max(1024).nullable() })),
    output: TeamStatus,
  },
} as const satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>

// Every name in call-names.ts has a schema above, and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const namesMatch: Exact<keyof typeof calls, CallName> = true
void namesMatch

export type Calls = typeof calls
export type { CallName }
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>
export type ParsedCallInput<N extends CallName> = z.output<Calls[N]['input']>
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name)
}
