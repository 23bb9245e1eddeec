import { TLS_MODES, TlsMode, TeamDatabaseConfig } from '../shared/contract/team'
import { ConsoleError } from '../shared/contract/errors'
import { isLoopback } from '../genauth/app-host'

export { TLS_MODES, TlsMode, TeamDatabaseConfig } from '../shared/contract/team'

/** The variable that points every entry (app, browser mode, CLI) at a team database, overriding the setting. */
export const TEAM_DATABASE_URL_ENV = 'GENAUTH_SMS_TEAM_DATABASE_URL'

export function effectiveTlsMode(config: Pick<TeamDatabaseConfig, 'host' | 'tls'>): TlsMode {
  return config.tls ?? (isLoopback(hostForLoopbackCheck(config.host)) ? 'disable' : 'verify-full')
}

/** `isLoopback` reads URL host names, where an IPv6 address is bracketed. */
function hostForLoopbackCheck(host: string): string {
  return host === '::1' ? '[::1]' : host
}

/**
 * Reads a `postgres://user:password@host:port/database?sslmode=...&sslrootcert=...` URL. The password
 * comes back apart from the config, so the config can be shown and stored without it.
 */
export function parseTeamDatabaseUrl(text: string): { config: TeamDatabaseConfig; password: string | null } {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw invalidUrl(`${TEAM_DATABASE_URL_ENV} is not a URL (expected postgres://user@host:port/database).`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw invalidUrl(`${TEAM_DATABASE_URL_ENV} must start with postgres:// (it starts with ${url.protocol}//).`)
  }
  const sslmode = url.searchParams.get('sslmode')
  const tls = sslmode === null ? undefined : TlsMode.safeParse(sslmode)
  if (tls && !tls.success) {
    throw invalidUrl(`sslmode=${sslmode} is not supported; use one of ${TLS_MODES.join(', ')}.`)
  }
  const user = decodeURIComponent(url.username)
  const parsed = TeamDatabaseConfig.safeParse({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 5432 : Number(url.port),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || user,
    user,
    tls: tls?.data,
    caFile: url.searchParams.get('sslrootcert') ?? undefined,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw invalidUrl(`${TEAM_DATABASE_URL_ENV}: ${issue.path.join('.')}: ${issue.message}.`)
  }
  return { config: parsed.data, password: url.password === '' ? null : decodeURIComponent(url.password) }
}

/** The connection as it may be shown or logged: never with a password. */
export function describeConnection(config: TeamDatabaseConfig): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const user = encodeURIComponent(config.user)
  const database = encodeURIComponent(config.database)
  return `postgres://${user}@${host}:${config.port}/${database}?sslmode=${effectiveTlsMode(config)}`
}

function invalidUrl(message: string): ConsoleError {
  return new ConsoleError('invalid-input', message)
}
