import { TEAM_SCHEMA } from './migrations'

/** A role name as PostgreSQL reads an unquoted identifier; anything else is refused rather than quoted. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * The grants a console's own role needs, run once by the role that ran `team init`: read and write the
 * team's history, nothing else: no DELETE (the history belongs to the database owner), no DDL (only
 * `team init` changes the schema). The default privileges cover tables later migrations add.
 */
export function consoleRoleGrants(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain PostgreSQL role name (a-z, 0-9, _).`)
  return [
    `GRANT USAGE ON SCHEMA ${TEAM_SCHEMA} TO ${role};`,
    `GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA ${TEAM_SCHEMA} TO ${role};`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${TEAM_SCHEMA} GRANT SELECT, INSERT, UPDATE ON TABLES TO ${role};`,
  ].join('\n')
}
