import { parseTeamDatabaseUrl, TEAM_DATABASE_URL_ENV, type TeamDatabaseConfig } from './connection-config'

/** The team database the environment names, or null when team mode is off there. */
export function teamDatabaseFromEnv(
  env: NodeJS.ProcessEnv,
): { config: TeamDatabaseConfig; password: string | null } | null {
  const url = env[TEAM_DATABASE_URL_ENV]?.trim()
  return url ? parseTeamDatabaseUrl(url) : null
}
