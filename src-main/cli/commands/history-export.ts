import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import type { ExportFormat } from '../../shared/contract'
import { CliError } from '../cli-error'
import { writeJson, type CliIo } from '../cli-io'
import { call, withDispatch } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import { writeExportFile } from '../export-file'
import type { ExportWritten } from '../json-output'
import { addHistoryFilterOptions, historyFilterOf, type HistoryFilterOptions } from './history-filter-options'

interface ExportOptions extends HistoryFilterOptions {
  format: ExportFormat
  revealPhones?: boolean
  output?: string
  force?: boolean
  json?: boolean
}

export function addHistoryExportCommand(history: Command, context: CommandContext): void {
  const command = history
    .command('export')
    .description('export every matching entry as CSV or JSON, the same file the app saves')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).makeOptionMandatory())
  addHistoryFilterOptions(command)
    .option('--reveal-phones', 'write whole phone numbers instead of masked ones')
    .option('--output <file>', 'write to this new file (created readable by you only) instead of stdout')
    .option('--force', 'replace the --output file if it exists (never through a symbolic link)')
    .option('--json', 'print {fileName, content, count} or, with --output, {path, count} as JSON')
    .action((options: ExportOptions) =>
      context.run(async () => {
        rejectMisplacedOptions(history)
        return exportHistory(context.io, options)
      }),
    )
}

/** `history --phone 1 export` would export everything: the filter belongs after `export`. */
function rejectMisplacedOptions(history: Command): void {
  const misplaced = history.options.find((option) => history.getOptionValueSource(option.attributeName()) === 'cli')
  if (misplaced)
    throw CliError.usage(
      `${misplaced.long ?? misplaced.flags} goes after "export": history export ${misplaced.long} ...`,
    )
}

async function exportHistory(io: CliIo, options: ExportOptions): Promise<ExitCode> {
  const { format, revealPhones, output, force, json, ...filterOptions } = options
  if (force && output === undefined) throw CliError.usage('--force replaces an --output file: give --output too.')
  return withDispatch(io, async (dispatch) => {
    const profiles = await call(dispatch, 'profiles.list', {})
    const exported = await call(dispatch, 'history.export', {
      filter: historyFilterOf(filterOptions, profiles),
      format,
      revealPhones: revealPhones === true,
    })
    if (output === undefined) {
      if (json) writeJson(io, exported)
      else io.stdout.write(exported.content)
      return EXIT.ok
    }
    const path = resolve(output)
    writeExportFile(path, exported.content, force === true)
    const written: ExportWritten = { path, count: exported.count }
    if (json) writeJson(io, written)
    else io.stdout.write(`Wrote ${exported.count} entries to ${path}\n`)
    return EXIT.ok
  })
}
