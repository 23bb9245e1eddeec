import type { CooldownReason } from '../shared/contract/cooldown'
import type { Outcome } from '../shared/contract/history'

/**
 * Transport failures that happen before any byte of the request leaves this computer: the name did not
 * resolve, nothing accepted the connection, or TLS refused the server. Such a send reached no one.
 */
const BEFORE_REQUEST =
  /^(?:ECONNREFUSED|ENOTFOUND|EAI_[A-Z]+|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|EADDRNOTAVAIL|ERR_INVALID_URL|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_[A-Z_]+|HOSTNAME_MISMATCH)$/

/** How a send ended, as far as the cooldown cares. */
export interface SendEnd {
  outcome: Outcome
  httpStatus: number | null
  /** The transport's error code, or a message holding it (`connect ECONNREFUSED 127.0.0.1:9`). */
  transportError: string | null
}

/**
 * Whether GenAuth may have sent the SMS, so the channel must cool as after a success. Only an answer
 * from GenAuth (a statusCode other than 200), an HTTP 4xx (the request was refused in front of the API)
 * or a failure before the request left tells it did not. A timeout, a connection lost after the request
 * was written, an HTTP 5xx (a gateway that may have passed it on), an unreadable answer, or a send cut
 * off by a crash may each have texted the user.
 */
export function mayHaveReachedGenAuth(end: SendEnd): boolean {
  switch (end.outcome) {
    case 'business-failure':
      return false
    case 'http-failure':
      return end.httpStatus === null || end.httpStatus >= 500
    case 'network-failure':
      return !failedBeforeRequest(end.transportError)
    default:
      return true
  }
}

/** The throttle answer, which starts a fresh cooldown whatever the result kind carrying it. */
const THROTTLED = 429

/** What a finished send starts on its channel: a cooldown and why, or nothing. */
export function cooldownReasonOf(end: SendEnd & { statusCode: number | null }): CooldownReason | null {
  if (end.statusCode === THROTTLED) return 'throttled'
  if (end.outcome === 'success') return 'sent'
  return mayHaveReachedGenAuth(end) ? 'maybe-sent' : null
}

function failedBeforeRequest(transportError: string | null): boolean {
  return (transportError ?? '').split(/[^\w]+/).some((word) => BEFORE_REQUEST.test(word))
}
