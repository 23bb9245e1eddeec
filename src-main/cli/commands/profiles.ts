import type { Command } from 'commander'
import { writeJson, type CliIo } from '../cli-io'
import { call, withDispatch } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import { formatProfiles } from '../format'

export function addProfilesCommand(program: Command, context: CommandContext): void {
  program
    .command('profiles')
    .description('the stored connection profiles (edit them in the app)')
    .command('list')
    .description('list the profiles: name, environment, host, App ID, whether a token is stored')
    .option('--json', 'print the ProfileList as JSON')
    .action((options: { json?: boolean }) => context.run(() => listProfiles(context.io, options.json === true)))
}

async function listProfiles(io: CliIo, json: boolean): Promise<ExitCode> {
  return withDispatch(io, async (dispatch) => {
    const list = await call(dispatch, 'profiles.list', {})
    if (json) writeJson(io, list)
    else io.stdout.write(formatProfiles(list))
    return EXIT.ok
  })
}
