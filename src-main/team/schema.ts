import type pg from 'pg'
import { inTransaction } from './connect'
import { TEAM_MIGRATIONS, TEAM_SCHEMA, TEAM_SCHEMA_VERSION } from './migrations'
import { TeamDatabaseError } from './team-errors'

const VERSION_TABLE = `${TEAM_SCHEMA}.schema_version`

/** The schema version of the team database; null when `team init` never ran there. */
export async function readSchemaVersion(client: pg.ClientBase | pg.Pool): Promise<number | null> {
  const present = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    VERSION_TABLE,
  ])
  if (!present.rows[0]?.present) return null
  const row = await client.query<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`)
  return row.rows[0]?.version ?? null
}

/**
 * Why this console cannot write to a team database at `version`, or null when it can. A newer schema
 * may have changed what a row means, so it is read but never written.
 */
export function schemaProblem(version: number | null): TeamDatabaseError | null {
  const needs = `this console needs schema version ${TEAM_SCHEMA_VERSION}`
  if (version === null) {
    return new TeamDatabaseError(
      'schema-missing',
      `The team database has no GenAuth SMS schema yet (${needs}): run "genauth-sms team init" with a role that may create tables.`,
      { needed: TEAM_SCHEMA_VERSION },
    )
  }
  if (version < TEAM_SCHEMA_VERSION) {
    return new TeamDatabaseError(
      'schema-too-old',
      `The team database has schema version ${version} and ${needs}: run "genauth-sms team init" with a role that may create tables.`,
      { version, needed: TEAM_SCHEMA_VERSION },
    )
  }
  if (version > TEAM_SCHEMA_VERSION) {
    return new TeamDatabaseError(
      'schema-too-new',
      `The team database has schema version ${version}, newer than this console knows; ${needs}. Update the console: until then it only reads the team history.`,
      { version, needed: TEAM_SCHEMA_VERSION },
    )
  }
  return null
}

/**
 * Creates or migrates the team schema: the only place the console runs DDL, reached only through
 * `team init`. One transaction under an advisory lock, so two inits at once migrate once and a failed
 * migration leaves the previous version whole (PostgreSQL's DDL is transactional).
 */
export async function initTeamSchema(pool: pg.Pool, password: string | null): Promise<{ from: number; to: number }> {
  return inTransaction(pool, password, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('genauth_sms schema', 0))")
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${TEAM_SCHEMA}`)
    await client.query(`CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      version integer NOT NULL
    )`)
    const from = (await readSchemaVersion(client)) ?? 0
    if (from > TEAM_SCHEMA_VERSION) throw schemaProblem(from)!
    for (const migration of TEAM_MIGRATIONS) {
      if (migration.version <= from) continue
      await client.query(migration.sql)
    }
    await client.query(
      `INSERT INTO ${VERSION_TABLE} (version) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET version = $1`,
      [TEAM_SCHEMA_VERSION],
    )
    return { from, to: TEAM_SCHEMA_VERSION }
  })
}
