import { ConsoleError } from '../contract/errors'

const SEND_SMS_PATH = '/api/v3/send-sms'

/**
 * Turns what a user typed as the application host into the base URL requests are built from:
 * `example.genauth.ai/` becomes `https://example.genauth.ai`. A path prefix is kept, since private
 * deployments may sit under one. Plain `http://` is refused except on loopback, so an app secret or
 * a user token can never cross a network in clear text; the local emulator lives on loopback.
 */
export function normalizeAppHost(raw: string): string {
  const value = raw.trim()
  if (value === '') throw invalid('Enter the application host, for example https://example.genauth.ai.')
  if (/\s/.test(value)) throw invalid('The application host must not contain spaces.')

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)
  const withScheme = schemeMatch ? value : `https://${value}`
  const scheme = (schemeMatch?.[1] ?? 'https').toLowerCase()
  if (scheme !== 'https' && scheme !== 'http') {
    throw invalid(`The application host must start with https:// (got ${scheme}://).`)
  }

  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw invalid(`"${shorten(value)}" is not a valid host name or URL.`)
  }
  if (url.hostname === '') throw invalid('The application host has no host name.')
  if (url.username !== '' || url.password !== '') {
    throw invalid('The application host must not contain a user name or password.')
  }
  if (url.search !== '' || url.hash !== '' || value.endsWith('?') || value.endsWith('#')) {
    throw invalid('The application host must not contain a query (?) or a fragment (#).')
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw invalid(
      'Plain http:// is only allowed for a server on this computer (localhost, 127.x.x.x, [::1]); use https://.',
    )
  }

  const path = url.pathname.replace(/\/+$/, '')
  if (path.toLowerCase().endsWith(SEND_SMS_PATH)) {
    throw invalid(`Enter the application host only, without ${SEND_SMS_PATH}.`)
  }
  return `${url.protocol}//${url.host}${path}`
}

/** The send-sms endpoint under a host already normalised by normalizeAppHost. */
export function sendSmsUrl(appHost: string): string {
  return `${appHost}${SEND_SMS_PATH}`
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]') return true
  return /^127(?:\.\d{1,3}){3}$/.test(host)
}

function invalid(message: string): ConsoleError {
  return new ConsoleError('invalid-host', message)
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value
}
