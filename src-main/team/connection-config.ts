import { z } from 'zod'
import { ConsoleError } from '../contract/errors'
import { isLoopback } from '../genauth/app-host'

/**
 * How the console talks TLS to the team database, named as libpq's `sslmode`:
 * - `disable`: plain TCP (only sensible on this computer);
 * - `require`: encrypted, but the server's certificate is not checked;
 * - `verify-ca`: encrypted, the certificate must chain to a trusted CA;
 * - `verify-full`: as verify-ca, and the certificate must name the host.
 */
export const TLS_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const
export const TlsMode = z.enum(TLS_MODES)
export type TlsMode = z.infer<typeof TlsMode>

/** Where the team database is. The password is never part of it: it lives in the OS keychain. */
export const TeamDatabaseConfig = z.strictObject({
  host: z.string().trim().min(1, 'enter the database host').max(255),
  port: z.number().int().min(1).max(65_535).default(5432),
  database: z.string().trim().min(1, 'enter the database name').max(63),
  user: z.string().trim().min(1, 'enter the database user').max(63),
  /** Absent: verify-full for a host on the network, disable for this computer. */
  tls: TlsMode.optional(),
  /** A PEM file with the CA that signed the server's certificate, when it is not a public CA. */
  caFile: z.string().max(4096).optional(),
})
export type TeamDatabaseConfig = z.output<typeof TeamDatabaseConfig>

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
