import { readFileSync } from 'node:fs'
import type { ConnectionOptions } from 'node:tls'
import pg from 'pg'
import { registerSecret } from '../logging/redact'
import { effectiveTlsMode, type TeamDatabaseConfig } from './connection-config'
import { teamFailure } from './team-errors'

/** How long a console waits for the team database before calling it unreachable. */
export const CONNECT_TIMEOUT_MS = 5000

const INT8_OID = 20

/**
 * Ids and epoch-millisecond times are `bigint` columns; both stay far below 2^53, so they are read as
 * numbers (pg reads int8 as text by default). Set per pool, not on pg's global registry.
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

export function tlsOptions(config: TeamDatabaseConfig): false | ConnectionOptions {
  const mode = effectiveTlsMode(config)
  if (mode === 'disable') return false
  if (mode === 'require') return { rejectUnauthorized: false }
  const ca = config.caFile ? readFileSync(config.caFile, 'utf8') : undefined
  return {
    rejectUnauthorized: true,
    ...(ca ? { ca } : {}),
    // verify-ca: the chain is checked, the name on the certificate is not.
    ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
  }
}

export interface TeamPoolOptions {
  /** Connections one console holds at most; sends are human-paced. */
  max?: number
  /** Shown in pg_stat_activity, so a database owner can tell the consoles apart. */
  applicationName?: string
}

/** A pool of connections to the team database; the password goes only to the driver. */
export function createTeamPool(
  config: TeamDatabaseConfig,
  password: string | null,
  options: TeamPoolOptions = {},
): pg.Pool {
  if (password) registerSecret(password)
  const pool = new pg.Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: password ?? undefined,
    ssl: tlsOptions(config),
    max: options.max ?? 4,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'genauth-sms-console',
    types: TYPES,
  })
  // An idle connection the server drops (restart, network) is replaced on the next query; without a
  // listener the pool's 'error' event would end the process.
  pool.on('error', () => undefined)
  return pool
}

/** Runs `work` on one connection inside a transaction; failures come back classified and redacted. */
export async function inTransaction<T>(
  pool: pg.Pool,
  password: string | null,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw teamFailure(error, password)
  }
  let broken = false
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true
    })
    throw teamFailure(error, password)
  } finally {
    client.release(broken)
  }
}
