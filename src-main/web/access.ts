import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { ErrorKey } from '../shared/contract/errors'

/** The loopback names a browser may use to reach the host; anything else in Host is a rebinding attempt. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost']

export type AccessDecision = { allowed: true } | { allowed: false; status: number; reason: string; key: ErrorKey }

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Decides whether a request may reach the host: Host must name this loopback port (blocks DNS
 * rebinding), Origin, when a browser sends one, must be the host's own, and the per-run token must
 * match. Static files are public build output; everything that reaches the services needs the token.
 */
export function checkAccess(
  request: IncomingMessage,
  port: number,
  token: string,
  givenToken: string | null,
): AccessDecision {
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`)
  const host = request.headers.host ?? ''
  if (!allowedHosts.includes(host)) {
    return {
      allowed: false,
      status: 421,
      reason: 'This host answers only on its own loopback address.',
      key: 'accessWrongHost',
    }
  }
  const origin = request.headers.origin
  if (origin !== undefined && !allowedHosts.some((allowed) => origin === `http://${allowed}`)) {
    return {
      allowed: false,
      status: 403,
      reason: 'Requests from another origin are refused.',
      key: 'accessOtherOrigin',
    }
  }
  if (!tokensMatch(token, givenToken)) {
    return {
      allowed: false,
      status: 401,
      reason: 'Missing or wrong access token: open the URL the host printed when it started.',
      key: 'accessBadToken',
    }
  }
  return { allowed: true }
}

/** A fresh per-run token: 24 random bytes, URL-safe. */
export function newRunToken(): string {
  return randomBytes(24).toString('base64url')
}
