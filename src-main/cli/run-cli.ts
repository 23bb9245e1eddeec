import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import { DATA_DIR_VARIABLE } from '../app-paths'
import { ConsoleError } from '../shared/contract'
import { CliError } from './cli-error'
import { commanderOutput, PROGRAM_NAME, writeErrorLine, writeJson, type CliIo } from './cli-io'
import type { CommandContext } from './command-context'
import { addChannelsCommand } from './commands/channels'
import { addCooldownCommand } from './commands/cooldown'
import { addEmulatorCommand } from './commands/emulator'
import { addExplainCommand } from './commands/explain'
import { addHistoryCommand } from './commands/history'
import { addHistoryExportCommand } from './commands/history-export'
import { addHistoryShowCommand } from './commands/history-show'
import { addProfilesCommand } from './commands/profiles'
import { addSendCommand } from './commands/send'
import { addTeamCommand } from './commands/team'
import { printDataWarnings } from './data-warnings'
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes'
import type { CliErrorOutput } from './json-output'
import { ACCESS_TOKEN_VARIABLE, secretFlagIn, secretFlagMessage } from './secret-flags'
import { commandsOf, refuseRepeatedOptions } from './single-value-options'

const GLOBAL_HELP = `
Every command takes --json (one JSON value on stdout; a refusal prints {"error":{"code","message"}})
and --help.

Exit codes:
  0   success
  1   another failure (keychain unavailable, data folder unusable, unwritable output, unexpected error)
  2   the send was answered with a statusCode other than 200
  3   the send got no business answer (timeout, network error, HTTP failure, unparseable body)
  4   refused: the channel is cooling down, or a send to it is in flight
  64  bad usage (unknown or repeated flag, bad value, missing flag, invalid phone, a secret passed
      as a flag, an --output file that exists)

Environment:
  ${DATA_DIR_VARIABLE}   the data folder (default: the desktop app's own, shared with it)
  ${ACCESS_TOKEN_VARIABLE}   a user access token, sent only with send --token-from-env`

/**
 * The command line over the app's services. Returns the exit code instead of exiting, so tests and the
 * Electron main process can call it; errors go to `io.stderr` as one line each and, with `--json`, to
 * `io.stdout` as one CliErrorOutput as well.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const json = wantsJson(argv)
  let exitCode: ExitCode = EXIT.ok
  const context: CommandContext = {
    io,
    run: async (action) => {
      try {
        exitCode = await action()
      } finally {
        printDataWarnings(io)
      }
    },
  }
  const program = buildProgram(context)

  const secretFlag = secretFlagIn(argv, ownFlagsOf(program))
  if (secretFlag) return fail(io, json, CliError.usage(secretFlagMessage(secretFlag)))

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok
      // Commander has already written its message (or the help) on stderr through configureOutput.
      if (json) writeJsonError(io, new CliError(EXIT.usage, commanderReason(error)))
      return EXIT.usage
    }
    if (error instanceof CliError) return fail(io, json, error)
    if (error instanceof ConsoleError) {
      return fail(io, json, new CliError(exitCodeForError(error), error.message, error.code))
    }
    return fail(io, json, new CliError(EXIT.failure, error instanceof Error ? error.message : String(error)))
  }
}

function buildProgram(context: CommandContext): Command {
  const { io } = context
  const program = new Command()
    .name(PROGRAM_NAME)
    .description('Send and inspect GenAuth verification SMS with the GenAuth SMS Console data and profiles.')
    .version(version)
    .exitOverride()
    // A subcommand's options come after its name, so `history export --phone 1` filters the export.
    .enablePositionalOptions()
    .configureOutput(commanderOutput(PROGRAM_NAME, io))
    .addHelpText('after', GLOBAL_HELP)

  addSendCommand(program, context)
  const history = addHistoryCommand(program, context)
  addHistoryExportCommand(history, context)
  addHistoryShowCommand(history, context)
  addProfilesCommand(program, context)
  addCooldownCommand(program, context)
  addEmulatorCommand(program, context)
  addChannelsCommand(program, context)
  addExplainCommand(program, context)
  addTeamCommand(program, context)
  refuseRepeatedOptions(program)
  return program
}

/** Every flag some command defines, so `--token-from-env` is not mistaken for a secret. */
function ownFlagsOf(program: Command): Set<string> {
  const flags = commandsOf(program).flatMap((command) =>
    command.options.flatMap((option) => [option.long, option.short]),
  )
  return new Set(flags.filter((flag): flag is string => flag !== undefined))
}

/** `--json` anywhere before `--`: known even when the command line around it cannot be parsed. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json')
}

/** Commander's message without its "error: " prefix and its "Did you mean" line. */
function commanderReason(error: CommanderError): string {
  if (error.code === 'commander.help') return 'no command given: see --help.'
  return (error.message.split('\n')[0] ?? '').replace(/^error: /, '')
}

function fail(io: CliIo, json: boolean, error: CliError): ExitCode {
  writeErrorLine(io, oneLine(error.message))
  if (json) writeJsonError(io, error)
  return error.exitCode
}

function writeJsonError(io: CliIo, error: CliError): void {
  const output: CliErrorOutput = { error: { code: error.code, message: oneLine(error.message) } }
  writeJson(io, output)
}

function oneLine(message: string): string {
  return message.split('\n')[0] ?? ''
}
