import { ConsoleError, errorText, type ErrorText } from '../shared/contract/errors'
import { describeConnection, type TeamDatabaseConfig } from './connection-config'
import { createTeamPool } from './connect'
import { TEAM_SCHEMA, TEAM_SCHEMA_VERSION } from './migrations'
import { readSchemaVersion, schemaProblem } from './schema'
import { teamFailure, TeamDatabaseError, type TeamProblem } from './team-errors'

/** What `team status` and the settings page show of the team database. */
export interface TeamStatus {
  /** The connection without its password. */
  connection: string
  state: 'connected' | TeamProblem
  schemaVersion: number | null
  neededVersion: number
  /** Entries in the team history, when it could be read. */
  entries: number | null
  /** Why the state is not `connected`, for the user; never with the password. */
  message: string | null
  /** The same reason as a key and values, for the user's language. */
  reason: ErrorText | null
}

/** Connects once and reports; a failure is part of the answer, not thrown. */
export async function teamStatus(config: TeamDatabaseConfig, password: string | null): Promise<TeamStatus> {
  const status: TeamStatus = {
    connection: describeConnection(config),
    state: 'connected',
    schemaVersion: null,
    neededVersion: TEAM_SCHEMA_VERSION,
    entries: null,
    message: null,
    reason: null,
  }
  const pool = createTeamPool(config, password, { max: 1 })
  try {
    status.schemaVersion = await readSchemaVersion(pool)
    const problem = schemaProblem(status.schemaVersion)
    if (problem) Object.assign(status, { state: problem.problem, message: problem.message, reason: textOf(problem) })
    if (status.schemaVersion !== null) {
      const counted = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TEAM_SCHEMA}.history`)
      status.entries = counted.rows[0]?.n ?? 0
    }
  } catch (error) {
    const failure = teamFailure(error, password)
    status.state = failure instanceof TeamDatabaseError ? failure.problem : 'unreachable'
    status.message = failure.message
    status.reason = failure instanceof ConsoleError ? textOf(failure) : null
  } finally {
    await pool.end()
  }
  return status
}

/** A refusal's words for the user, without its call error's code. */
function textOf(error: ConsoleError): ErrorText {
  return errorText(error.key, error.message, error.params)
}
