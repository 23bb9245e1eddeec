import type { Language, SmsChannel } from '../shared/contract/channels'
import { ConsoleError } from '../shared/contract/errors'
import type { HeaderFamily } from '../shared/contract/profiles'
import type { RedactedRequest } from '../shared/contract/send'
import { normalizeAppHost, sendSmsUrl } from './app-host'
import { identityHeaders } from './header-families'

export interface SendSmsRequest {
  appHost: string
  appId: string
  channel: SmsChannel
  phoneNumber: string
  phoneCountryCode?: string
  lang: Language
  /** Which header names carry the app id, language and caller; absent means both families. */
  headerFamily?: HeaderFamily
  /** A user access token, sent as given (no `Bearer ` prefix), like the Node SDK does. */
  accessToken?: string
  timeoutMs: number
}

export interface SendSmsMeta {
  appVersion: string
}

export const REQUEST_FROM = 'genauth-sms-console'
export const REDACTED = '[redacted]'

/** What goes on the wire, and the copy of it that may be shown and stored. */
export interface WireRequest {
  url: URL
  headers: Record<string, string>
  body: string
  redacted: RedactedRequest
}

const SECRET_HEADERS = new Set(['authorization'])

/** Builds the send-sms request; throws ConsoleError for a host or header value that cannot be sent. */
export function buildSendSmsRequest(request: SendSmsRequest, meta: SendSmsMeta): WireRequest {
  const url = new URL(sendSmsUrl(normalizeAppHost(request.appHost)))

  // Field order is part of the contract: channel, phoneNumber, then phoneCountryCode only when given.
  const payload: Record<string, string> = { channel: request.channel, phoneNumber: request.phoneNumber }
  if (request.phoneCountryCode) payload.phoneCountryCode = request.phoneCountryCode
  const body = JSON.stringify(payload)

  const headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/json',
    accept: 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...identityHeaders(request.headerFamily ?? 'both', {
      appId: headerValue('App ID', request.appId),
      lang: request.lang,
      requestFrom: REQUEST_FROM,
      sdkVersion: headerValue('app version', `${REQUEST_FROM}:${meta.appVersion}`),
    }),
  }
  if (request.accessToken) headers.authorization = headerValue('access token', request.accessToken)

  return {
    url,
    headers,
    body,
    redacted: { method: 'POST', url: url.href, headers: redactHeaders(headers), body },
  }
}

/** The copy of request headers that may be shown and stored: credentials replaced by `[redacted]`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) copy[name] = SECRET_HEADERS.has(name) ? REDACTED : value
  return copy
}

/** HTTP header values are visible ASCII here; anything else would make Node refuse the request. */
function headerValue(label: string, value: string): string {
  if (value === '' || !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value)) {
    throw new ConsoleError(
      'invalid-input',
      `The ${label} can only contain visible ASCII characters (no spaces at the ends, no line breaks).`,
    )
  }
  return value
}
