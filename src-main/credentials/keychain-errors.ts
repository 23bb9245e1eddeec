import { ConsoleError } from '../shared/contract'

export interface KeychainProblem {
  problem: string
  fix: string
}

/** A keychain failure, with its cause and the fix for this OS kept apart for the keychain status. */
export class KeychainUnavailableError extends ConsoleError {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super('keychain-unavailable', `${problem} ${fix}`)
    this.name = 'KeychainUnavailableError'
  }
}

type Cause = 'no-session' | 'no-service' | 'locked' | 'no-collection' | 'refused' | 'too-large' | 'other'

// Raw messages seen from libsecret (keytar), keyring-rs and zbus (@napi-rs/keyring), macOS Security and
// Windows Credential Manager, matched loosely because their wording differs between versions.
const CAUSES: Array<[Cause, RegExp]> = [
  ['no-session', /autolaunch|DBUS_SESSION_BUS_ADDRESS|Failed to connect to address|Could not connect to/i],
  ['no-service', /org\.freedesktop\.secrets was not provided|ServiceUnknown|no secret service/i],
  ['locked', /\blocked\b|IsLocked|prompt was dismissed|interaction is not allowed|errSecInteractionNotAllowed|-25308/i],
  ['no-collection', /Object does not exist at path|no result found|No such (object|collection)/i],
  ['refused', /User canceled|errSecUserCanceled|errSecAuthFailed|-25293|access denied/i],
  ['too-large', /stub received bad data|\b1783\b|longer than the platform limit/i],
]

const PROBLEMS: Record<Cause, string> = {
  'no-session': 'The OS keychain cannot be reached: there is no D-Bus session bus.',
  'no-service': 'The OS keychain cannot be reached: no Secret Service (org.freedesktop.secrets) is running.',
  locked: 'The OS keychain is locked.',
  'no-collection': 'The OS keychain has no default keyring to store secrets in.',
  refused: 'Access to the OS keychain was refused.',
  'too-large': 'The value is too large for the OS keychain (Windows Credential Manager keeps at most 2,560 bytes).',
  other: 'The OS keychain could not be used.',
}

type Platform = 'linux' | 'darwin' | 'win32' | 'other'

function platformOf(nodePlatform: NodeJS.Platform): Platform {
  return nodePlatform === 'linux' || nodePlatform === 'darwin' || nodePlatform === 'win32' ? nodePlatform : 'other'
}

const LINUX_DESKTOP =
  'Install gnome-keyring (or KWallet with its Secret Service) and run the app in a desktop session where it is started and unlocked.'

function fixFor(cause: Cause, platform: Platform): string {
  if (cause === 'too-large') {
    return 'Store a shorter value: the app secret and the access token of a profile share one keychain entry.'
  }
  switch (platform) {
    case 'linux':
      if (cause === 'locked')
        return 'Unlock your login keyring (for example in Passwords and Keys / Seahorse, or by logging in again), then retry.'
      if (cause === 'no-collection')
        return 'Create a default "login" keyring in Passwords and Keys (Seahorse) or KWallet and unlock it.'
      if (cause === 'refused') return 'Allow the app when the keyring asks, then retry.'
      return LINUX_DESKTOP
    case 'darwin':
      return cause === 'refused'
        ? 'Click "Allow" when macOS asks for access to the keychain, then retry.'
        : 'Open Keychain Access, unlock the login keychain, then retry.'
    case 'win32':
      return 'Check that Windows Credential Manager is available for your account (Control Panel > Credential Manager), then retry.'
    case 'other':
      return 'Run the app where an OS keychain is available.'
  }
}

/** Every message in an error and its chain of causes, in one line. */
function messagesOf(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return parts.join(' | ')
}

/** Turns a raw keychain error into its cause and the fix for the given OS. */
export function describeKeychainError(
  error: unknown,
  nodePlatform: NodeJS.Platform = process.platform,
): KeychainProblem {
  const raw = messagesOf(error)
  const cause = CAUSES.find(([, pattern]) => pattern.test(raw))?.[0] ?? 'other'
  const problem = cause === 'other' ? `${PROBLEMS.other} (${firstLine(raw)})` : PROBLEMS[cause]
  return { problem, fix: fixFor(cause, platformOf(nodePlatform)) }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300)
}

/**
 * The error a store throws for a failed keychain operation. `secret` (the value being written) is
 * scrubbed from the raw message, so no secret reaches a message even if a library echoed it.
 */
export function keychainFailure(error: unknown, secret?: string): KeychainUnavailableError {
  const raw = messagesOf(error)
  const { problem, fix } = describeKeychainError(new Error(secret ? raw.split(secret).join('[secret]') : raw))
  return new KeychainUnavailableError(problem, fix)
}

/** The native module of a backend could not be loaded: a broken or missing install, not a keychain state. */
export function moduleLoadFailure(moduleName: string, error: unknown): KeychainUnavailableError {
  return new KeychainUnavailableError(
    `The keychain module ${moduleName} could not be loaded (${firstLine(messagesOf(error))}).`,
    'Reinstall the app, or choose the other keychain backend in Settings.',
  )
}
