import type { Command } from 'commander'
import { describeConnection, TEAM_DATABASE_URL_ENV } from '../../team/connection-config'
import { consoleRoleGrants } from '../../team/console-role'
import { createTeamPool } from '../../team/connect'
import { initTeamSchema } from '../../team/schema'
import { consoleIdOf } from '../../team/console-id'
import type { ChosenTeam } from '../../team/team-backend'
import { openTeamHistory } from '../../team/team-history-store'
import { CliError } from '../cli-error'
import { writeJson, type CliIo } from '../cli-io'
import { withServices } from '../cli-services'
import type { Services } from '../../services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'

const NOT_CONFIGURED = `no team database is configured: choose one in Settings, or set ${TEAM_DATABASE_URL_ENV} to a postgres:// URL.`

export function addTeamCommand(program: Command, context: CommandContext): void {
  const team = program
    .command('team')
    .description(`the team database shared by several consoles (${TEAM_DATABASE_URL_ENV})`)
  team
    .command('status')
    .description('whether the team database is reachable and its schema fits this console')
    .option('--json', 'print the TeamStatus as JSON')
    .action((options: { json?: boolean }) => context.run(() => status(context.io, options)))
  team
    .command('init')
    .description('create or migrate the team schema (needs a role that may create tables)')
    .option('--grant-to <role>', "also give a console role what it needs: SELECT, INSERT, UPDATE on the team's tables")
    .option('--json', 'print the schema versions before and after as JSON')
    .action((options: { grantTo?: string; json?: boolean }) => context.run(() => init(context.io, options)))
  team
    .command('import')
    .description("upload this computer's finished local history; running it again adds nothing")
    .option('--json', 'print the counts as JSON')
    .action((options: { json?: boolean }) => context.run(() => importLocal(context.io, options)))
}

/** The database the app would use: the environment's, else the one in Settings (password from the keychain). */
async function configured(services: Services): Promise<ChosenTeam> {
  const team = await services.team.chosen()
  if (!team) throw CliError.usage(NOT_CONFIGURED)
  return team
}

async function status(io: CliIo, options: { json?: boolean }): Promise<ExitCode> {
  return withServices(io, async (services) => {
    // The database the app would use: the environment's, else the one in Settings.
    const report = await services.team.status()
    if (report.source === 'off') throw CliError.usage(NOT_CONFIGURED)
    if (options.json) {
      writeJson(io, report)
    } else {
      io.stdout.write(`database  ${report.connection}\nstate     ${report.state}\n`)
      io.stdout.write(`schema    ${report.schemaVersion ?? 'none'} (this console needs ${report.neededVersion})\n`)
      if (report.entries !== null) io.stdout.write(`entries   ${report.entries}\n`)
      io.stdout.write(`waiting   ${report.waitingUploads} result(s) to upload\n`)
      if (report.message) io.stdout.write(`${report.message}\n`)
    }
    return report.state === 'connected' ? EXIT.ok : EXIT.failure
  })
}

async function init(io: CliIo, options: { grantTo?: string; json?: boolean }): Promise<ExitCode> {
  const team = await withServices(io, configured)
  const grants = options.grantTo === undefined ? null : consoleRoleGrants(options.grantTo)
  const pool = createTeamPool(team.config, team.password, { max: 1 })
  try {
    const versions = await initTeamSchema(pool, team.password)
    if (grants) await pool.query(grants)
    if (options.json) writeJson(io, { ...versions, grantedTo: options.grantTo ?? null })
    else {
      io.stdout.write(
        `${describeConnection(team.config)}: team schema version ${versions.to} (was ${versions.from}).\n`,
      )
      if (grants) io.stdout.write(`Granted ${options.grantTo} what a console needs.\n`)
    }
    return EXIT.ok
  } finally {
    await pool.end()
  }
}

async function importLocal(io: CliIo, options: { json?: boolean }): Promise<ExitCode> {
  const { team, consoleId, local } = await withServices(io, async (services) => ({
    team: await configured(services),
    consoleId: consoleIdOf(services.dataDir),
    local: services.history.export({}, 'json', true),
  }))
  const store = await openTeamHistory({ ...team, clock: Date.now, consoleId })
  try {
    const { entries } = JSON.parse(local.content) as { entries: Parameters<typeof store.importEntries>[0] }
    const counts = await store.importEntries(entries)
    if (options.json) writeJson(io, counts)
    else {
      io.stdout.write(`${counts.added} added, ${counts.alreadyThere} already in the team history`)
      io.stdout.write(counts.inFlight > 0 ? `, ${counts.inFlight} still sending (import again later).\n` : '.\n')
    }
    return EXIT.ok
  } finally {
    await store.close()
  }
}
