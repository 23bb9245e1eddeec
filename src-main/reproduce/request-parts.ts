import { ACCESS_TOKEN_VARIABLE } from '../cli/secret-flags'
import type { RedactedRequest } from '../shared/contract/send'

/** The user access token is never in a snippet: it is read from the same variable the CLI reads. */
export { ACCESS_TOKEN_VARIABLE }

/** Headers the HTTP client computes itself from the URL and the body; copying them could only go stale. */
const COMPUTED_HEADERS = new Set(['host', 'content-length'])

/** What a recorded send-sms request consists of, in the terms the SDKs take. */
export interface RequestParts {
  url: string
  /** The URL without the send-sms path: what the SDKs call appHost. */
  appHost: string
  appId: string
  lang: string | null
  channel: string
  phoneNumber: string
  phoneCountryCode: string | null
  body: string
  /** Headers as sent, minus host, content-length and authorization. */
  headers: Array<[string, string]>
  /** Whether a user access token went out (its value was redacted before recording). */
  hasAccessToken: boolean
}

export function partsOf(request: RedactedRequest): RequestParts {
  const headers = Object.entries(request.headers).filter(([name]) => !COMPUTED_HEADERS.has(name.toLowerCase()))
  const header = (suffix: string): string | null =>
    request.headers[`x-authing-${suffix}`] ?? request.headers[`x-genauth-${suffix}`] ?? null
  const body = parseBody(request.body)
  return {
    url: request.url,
    appHost: request.url.replace(/\/api\/v3\/send-sms$/, ''),
    appId: header('app-id') ?? '',
    lang: header('lang'),
    channel: body.channel ?? '',
    phoneNumber: body.phoneNumber ?? '',
    phoneCountryCode: body.phoneCountryCode ?? null,
    body: request.body,
    headers: headers.filter(([name]) => name.toLowerCase() !== 'authorization'),
    hasAccessToken: headers.some(([name]) => name.toLowerCase() === 'authorization'),
  }
}

function parseBody(body: string): Record<string, string | undefined> {
  try {
    const value: unknown = JSON.parse(body)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    )
  } catch {
    return {}
  }
}
