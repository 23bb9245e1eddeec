import type { Command } from 'commander'
import { writeJson, type CliIo } from '../cli-io'
import { call, withDispatch } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import { formatHistoryPage } from '../format'
import { integerIn } from '../option-parsers'
import { addHistoryFilterOptions, historyFilterOf, type HistoryFilterOptions } from './history-filter-options'

interface HistoryOptions extends HistoryFilterOptions {
  limit: number
  json?: boolean
}

const DEFAULT_LIMIT = 20

/** Registers `history` and returns it, so `history export` can hang below it. */
export function addHistoryCommand(program: Command, context: CommandContext): Command {
  const command = program.command('history').description('list the latest sends, newest first (phone numbers masked)')
  addHistoryFilterOptions(command)
    .option('--limit <n>', `how many entries, 1 to 500 (default ${DEFAULT_LIMIT})`, integerIn(1, 500), DEFAULT_LIMIT)
    .option('--json', 'print the HistoryPage as JSON')
    .action((options: HistoryOptions) => context.run(() => history(context.io, options)))
  return command
}

async function history(io: CliIo, options: HistoryOptions): Promise<ExitCode> {
  const { limit, json, ...filterOptions } = options
  return withDispatch(io, async (dispatch) => {
    const profiles = await call(dispatch, 'profiles.list', {})
    const page = await call(dispatch, 'history.query', {
      filter: historyFilterOf(filterOptions, profiles),
      limit,
    })
    if (json) writeJson(io, page)
    else io.stdout.write(formatHistoryPage(page))
    return EXIT.ok
  })
}
