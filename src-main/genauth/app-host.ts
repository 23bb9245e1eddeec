import { domainToUnicode } from 'node:url'
import { ConsoleError } from '../shared/contract/errors'

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
  // URL parsers read "\" as "/" in http(s) URLs, so "https:\\evil.com" would send to evil.com while
  // looking like something else; nothing legitimate in a host needs one.
  if (value.includes('\\')) throw invalid('The application host must not contain a backslash (\\).')
  if (/^https?:(?!\/\/)/i.test(value)) {
    throw invalid(
      'Write the application host with two slashes after the scheme, for example https://example.genauth.ai.',
    )
  }

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)
  const typed = schemeMatch ? value : `https://${value}`
  const scheme = (schemeMatch?.[1] ?? 'https').toLowerCase()
  if (scheme !== 'https' && scheme !== 'http') {
    throw invalid(`The application host must start with https:// (got ${scheme}://).`)
  }

  let url: URL
  try {
    url = new URL(typed)
  } catch {
    throw invalid(`"${shorten(value)}" is not a valid host name or URL.`)
  }
  if (url.hostname === '') throw invalid('The application host has no host name.')
  // The parser drops an empty user name and password ("https://:@host"): look at what was typed.
  if (url.username !== '' || url.password !== '' || authorityOf(typed).includes('@')) {
    throw invalid('The application host must not contain a user name or password.')
  }
  if (url.search !== '' || url.hash !== '' || value.endsWith('?') || value.endsWith('#')) {
    throw invalid('The application host must not contain a query (?) or a fragment (#).')
  }
  if (url.port === '0') throw invalid('Port 0 is not a port a server listens on; enter the real port or none.')
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw invalid(
      'Plain http:// is only allowed for a server on this computer (localhost, 127.x.x.x, [::1]); use https://.',
    )
  }

  const path = url.pathname.replace(/\/+$/, '')
  if (path.toLowerCase().endsWith(SEND_SMS_PATH)) {
    throw invalid(`Enter the application host only, without ${SEND_SMS_PATH}.`)
  }
  const normalized = `${url.protocol}//${url.host}${path}`
  // What is stored is what the parser understood; it must be what the user meant, not a reading of it.
  if (!readsAsTyped(typed, url, path)) {
    throw invalid(`"${shorten(value)}" would be read as ${normalized}; enter it in that form if that is meant.`)
  }
  return normalized
}

/** The text between "scheme://" and the first "/", "?" or "#". */
function authorityOf(typed: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(typed)?.[1] ?? ''
}

/**
 * Whether the parsed URL says what was typed, allowing only harmless differences: letter case, trailing
 * slashes, the scheme's default port, and a host name typed in Unicode (which the parser turns into
 * its xn-- form).
 */
function readsAsTyped(typed: string, url: URL, path: string): boolean {
  const defaultPort = url.protocol === 'https:' ? ':443' : ':80'
  const authority = authorityOf(typed)
  const typedForm =
    `${url.protocol}//${authority.endsWith(defaultPort) ? authority.slice(0, -defaultPort.length) : authority}${typed
      .slice(typed.indexOf('://') + 3 + authority.length)
      .replace(/\/+$/, '')}`.toLowerCase()
  const port = url.port === '' ? '' : `:${url.port}`
  return [url.host, `${domainToUnicode(url.hostname)}${port}`].some(
    (host) => `${url.protocol}//${host}${path}`.toLowerCase() === typedForm,
  )
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
