import type { CallError, ResultKind } from '../shared/contract'

/** What the process exit code of a command means; README's "Command line" section lists the same. */
export const EXIT = {
  ok: 0,
  /** Anything else: keychain unavailable, data folder unusable, an unexpected error. */
  failure: 1,
  /** A send answered with a statusCode other than 200. */
  businessFailure: 2,
  /** A send got no business answer: timeout, network error, HTTP failure, unparseable body. */
  transportFailure: 3,
  /** A send refused because the channel is cooling down or a send to it is in flight. */
  cooldown: 4,
  /** Bad usage: unknown flag, bad value, missing flag, invalid phone without override, a secret as a flag. */
  usage: 64,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export function exitCodeForResult(kind: ResultKind): ExitCode {
  if (kind === 'success') return EXIT.ok
  if (kind === 'business-failure') return EXIT.businessFailure
  return EXIT.transportFailure
}

/** A refusal from the services: the user's input or the channel's state, or something else broke. */
export function exitCodeForError(error: Pick<CallError, 'code'>): ExitCode {
  switch (error.code) {
    case 'cooldown':
    case 'in-flight':
      return EXIT.cooldown
    case 'invalid-input':
    case 'invalid-phone':
    case 'invalid-host':
    case 'needs-confirmation':
    case 'not-found':
      return EXIT.usage
    default:
      return EXIT.failure
  }
}
