import { ConsoleError } from '../shared/contract/errors'
import type { TeamProblem } from '../shared/contract/team'
import { REDACTED, redactSecrets } from '../logging/redact'

export type { TeamProblem }

export class TeamDatabaseError extends ConsoleError {
  constructor(
    readonly problem: TeamProblem,
    message: string,
  ) {
    super('internal', message)
    this.name = 'TeamDatabaseError'
  }
}

const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'EPIPE',
])
/** SQLSTATE: connection exceptions (class 08), and the server shutting down or starting up (57P01-57P03). */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123])$/
const REJECTED_SQLSTATE = new Set(['28000', '28P01'])
const TLS_FAILURE = /ssl|tls|certificate|self[- ]signed|CERT_|unable to verify/i
/** pg's own words when a connection drops or never comes up. */
const CONNECTION_LOST =
  /connection terminated|timeout exceeded when trying to connect|connection timeout|not queryable/i

/** A `postgres://user:password@` URL anywhere in a text keeps its user and loses its password. */
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/gi

/** The text with the password (in every form) and any URL password removed. */
export function redactConnectionText(text: string, password: string | null): string {
  let redacted = text.replace(URL_PASSWORD, `$1:${REDACTED}@`)
  if (password) redacted = redacted.replaceAll(password, REDACTED)
  return redactSecrets(redacted)
}

/**
 * A failure talking to the team database as the user may see it: classified when it is about the
 * connection, the original error otherwise (a query the server refused), its message redacted either way.
 */
export function teamFailure(error: unknown, password: string | null): Error {
  // A refusal of our own (cooldown, in flight) or an already classified failure passes as it is.
  if (error instanceof ConsoleError) return error
  const code = (error as { code?: unknown }).code
  const message = redactConnectionText(error instanceof Error ? error.message : String(error), password)
  if (typeof code === 'string' && REJECTED_SQLSTATE.has(code)) {
    return new TeamDatabaseError('rejected', `The team database refused the login: ${message}`)
  }
  if (typeof code === 'string' && (UNREACHABLE_ERRNO.has(code) || UNREACHABLE_SQLSTATE.test(code))) {
    return new TeamDatabaseError('unreachable', `The team database is unreachable: ${message}`)
  }
  if (TLS_FAILURE.test(message) || (typeof code === 'string' && TLS_FAILURE.test(code))) {
    return new TeamDatabaseError('tls', `The TLS connection to the team database failed: ${message}`)
  }
  if (CONNECTION_LOST.test(message)) {
    return new TeamDatabaseError('unreachable', `The team database is unreachable: ${message}`)
  }
  if (error instanceof Error) {
    const redacted = new Error(message)
    redacted.name = error.name
    return Object.assign(redacted, { code })
  }
  return new Error(message)
}
