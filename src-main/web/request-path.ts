import { posix } from 'node:path'
import { unescape } from 'node:querystring'

export type RequestTarget = { path: string; query: URLSearchParams }

/**
 * The one form of a request's path every decision is made on: dot segments resolved (`/./`, `%2e`),
 * percent-decoded exactly once (so `%2569` stays `%69`; a malformed sequence stays as it is instead of
 * failing), then normalised again, since a decoded `%2F` makes new segments: `..` resolves, repeated
 * slashes collapse and a trailing slash goes. Null for a target that is not a path (`*`, an absolute URL).
 */
export function requestTargetOf(rawUrl: string | undefined): RequestTarget | null {
  if (rawUrl === undefined || !rawUrl.startsWith('/')) return null
  // Prefixing the origin keeps a leading `//` a path instead of the start of a host name.
  const url = new URL(`http://127.0.0.1${rawUrl}`)
  const normalised = posix.normalize(unescape(url.pathname))
  const path = normalised.length > 1 ? normalised.replace(/\/+$/, '') : normalised
  return { path, query: url.searchParams }
}
