import { z } from 'zod'
import { lazySchema } from './lazy-schema'

/**
 * Why a call failed, in a form the renderer can show. `invalid-input` carries the schema's issues;
 * the others carry a message written for the user.
 */
export const ERROR_CODES = [
  'unknown-call',
  'invalid-input',
  'forbidden-sender',
  'not-found',
  'conflict',
  'cooldown',
  'in-flight',
  'keychain-unavailable',
  'needs-confirmation',
  'invalid-phone',
  'invalid-host',
  'internal',
] as const
export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

/**
 * Every text main can hand the user about a failure (the failure itself, or how to fix it). The renderer
 * holds a translation of each in every language it speaks; main's English stays beside the key for the
 * CLI, the log, and a renderer that does not know the key.
 */
export const ERROR_KEYS = [
  // The dispatcher
  'unknownCall',
  'requestUnreadable',
  'requestMalformed',
  'internal',
  'accessWrongHost',
  'accessOtherOrigin',
  'accessBadToken',
  'requestTooLarge',
  'requestNotJson',
  'senderRefused',
  'hostAnsweredNoResult',
  // The keychain: what is wrong
  'keychainNoSession',
  'keychainNoService',
  'keychainLocked',
  'keychainNoCollection',
  'keychainRefused',
  'keychainTooLarge',
  'keychainOther',
  'keychainModuleMissing',
  'keychainReadBackMismatch',
  'keychainSwitchNeedsRestart',
  // The keychain: how to fix it
  'keychainFixShorterValue',
  'keychainFixLinuxDesktop',
  'keychainFixLinuxUnlock',
  'keychainFixLinuxCreateKeyring',
  'keychainFixLinuxAllow',
  'keychainFixMacAllow',
  'keychainFixMacUnlock',
  'keychainFixWindows',
  'keychainFixElsewhere',
  'keychainFixReinstall',
  'keychainFixRestartService',
  // Sending
  'sendNeedsConfirmation',
  'sendInFlight',
  'sendCooldown',
  'sendCooldownMaybeSent',
  'phoneEmpty',
  'phoneHasCountryCode',
  'phoneNotDigits',
  'phoneInvalidForCountry',
  'headerValueNotAscii',
  // The application host
  'hostEmpty',
  'hostSpaces',
  'hostBackslash',
  'hostSlashes',
  'hostScheme',
  'hostUnparsable',
  'hostNoName',
  'hostCredentials',
  'hostQuery',
  'hostPortZero',
  'hostPlainHttp',
  'hostWithPath',
  'hostReadsAs',
  'hostReserved',
  // Profiles
  'profileNotFound',
  'profileNameTaken',
  'profileFieldsInvalid',
  'sandboxFixed',
  'sandboxNoDuplicate',
  'sandboxNoDelete',
  'secretKindUnknown',
  'secretLength',
  'importNotJson',
  'importNotExport',
  'importProfileInvalid',
  // Settings and files
  'settingsInvalid',
  'fileLocked',
  // Files of the data folder kept aside (warnings)
  'profilesKeptAside',
  'settingsKeptAside',
  'historyKeptAside',
  'teamUploadsKeptAside',
  // History
  'historyEntryNotFound',
  'historyRequestNotRecorded',
  'historyPageSize',
  'historyUnusable',
  'historySchemaTooNew',
  // The team database
  'teamUrlNotUrl',
  'teamUrlScheme',
  'teamUrlTlsMode',
  'teamUrlField',
  'teamUnreachable',
  'teamRejected',
  'teamTls',
  'teamSchemaMissing',
  'teamSchemaTooOld',
  'teamSchemaTooNew',
  'teamHistoryNotCleared',
] as const
export const ErrorKey = z.enum(ERROR_KEYS)
export type ErrorKey = z.infer<typeof ErrorKey>

/** The values a key's text names (a profile, a number of seconds), put into the translation. */
export const ErrorParams = lazySchema(() => z.record(z.string(), z.union([z.string(), z.number()])))
export type ErrorParams = z.infer<typeof ErrorParams>

/** One text for the user: a key with its values, and main's English as the fallback. */
export const ErrorText = lazySchema(() => z.object({ key: ErrorKey, params: ErrorParams, message: z.string() }))
export type ErrorText = z.infer<typeof ErrorText>

export function errorText(key: ErrorKey, message: string, params: ErrorParams = {}): ErrorText {
  return { key, params, message }
}

export const CallError = lazySchema(() =>
  ErrorText.unwrap().extend({
    code: ErrorCode,
    /** What to do about it, when main knows (the keychain's fix for this OS). */
    hint: ErrorText.optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
)
export type CallError = z.infer<typeof CallError>

/** What every call answers with, over IPC and HTTP alike: errors are values, never thrown across. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: CallError }

/** How a throw site names its failure for the user: the key, its values, and optional detail. */
export interface ErrorDetail {
  key: ErrorKey
  params?: ErrorParams
  hint?: ErrorText
  issues?: CallError['issues']
}

/** Thrown by services for failures the user should see; `message` is the English the CLI prints. */
export class ConsoleError extends Error {
  readonly key: ErrorKey
  readonly params: ErrorParams
  readonly hint?: ErrorText
  readonly issues?: CallError['issues']

  constructor(
    readonly code: ErrorCode,
    message: string,
    detail: ErrorDetail,
  ) {
    super(message)
    this.name = 'ConsoleError'
    this.key = detail.key
    this.params = detail.params ?? {}
    this.hint = detail.hint
    this.issues = detail.issues
  }

  /** The error as a text of its own, to be carried inside another (an import names the profile at fault). */
  get text(): ErrorText {
    return { key: this.key, params: this.params, message: this.message }
  }

  /** The error as it crosses the process boundary. */
  toCallError(): CallError {
    const error: CallError = { code: this.code, key: this.key, params: this.params, message: this.message }
    if (this.hint) error.hint = this.hint
    if (this.issues) error.issues = this.issues
    return error
  }
}
