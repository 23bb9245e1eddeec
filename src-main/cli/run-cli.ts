import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import { DATA_DIR_VARIABLE } from '../app-paths'
import { ConsoleError } from '../contract'
import { CliError } from './cli-error'
import { PROGRAM_NAME, writeErrorLine, type CliIo } from './cli-io'
import type { CommandContext } from './command-context'
import { addChannelsCommand } from './commands/channels'
import { addCooldownCommand } from './commands/cooldown'
import { addEmulatorCommand } from './commands/emulator'
import { addExplainCommand } from './commands/explain'
import { addHistoryCommand } from './commands/history'
import { addHistoryExportCommand } from './commands/history-export'
import { addProfilesCommand } from './commands/profiles'
import { addSendCommand } from './commands/send'
import { printDataWarnings } from './data-warnings'
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes'
import { ACCESS_TOKEN_VARIABLE, secretFlagIn, secretFlagMessage } from './secret-flags'

const GLOBAL_HELP = `
Every command takes --json (one JSON value on stdout) and --help.

Exit codes:
  0   success
  1   another failure (keychain unavailable, data folder unusable, unexpected error)
  2   the send was answered with a statusCode other than 200
  3   the send got no business answer (timeout, network error, HTTP failure, unparseable body)
  4   refused: the channel is cooling down, or a send to it is in flight
  64  bad usage (unknown flag, bad value, missing flag, invalid phone, a secret passed as a flag)

Environment:
  ${DATA_DIR_VARIABLE}   the data folder (default: the desktop app's own, shared with it)
  ${ACCESS_TOKEN_VARIABLE}   a user access token, sent only with send --token-from-env`

/**
 * The command line over the app's services. Returns the exit code instead of exiting, so tests and the
 * Electron main process can call it; errors go to `io.stderr` as one line each.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const secretFlag = secretFlagIn(argv)
  if (secretFlag) return fail(io, CliError.usage(secretFlagMessage(secretFlag)))

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
  const program = new Command()
    .name(PROGRAM_NAME)
    .description('Send and inspect GenAuth verification SMS with the GenAuth SMS Console data and profiles.')
    .version(version)
    .exitOverride()
    // A subcommand's options come after its name, so `history export --phone 1` filters the export.
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${PROGRAM_NAME}: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText('after', GLOBAL_HELP)

  addSendCommand(program, context)
  addHistoryExportCommand(addHistoryCommand(program, context), context)
  addProfilesCommand(program, context)
  addCooldownCommand(program, context)
  addEmulatorCommand(program, context)
  addChannelsCommand(program, context)
  addExplainCommand(program, context)

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    // Commander has already written its message (or the help) through configureOutput.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    if (error instanceof CliError) return fail(io, error)
    if (error instanceof ConsoleError) return fail(io, new CliError(exitCodeForError(error), error.message))
    return fail(io, new CliError(EXIT.failure, error instanceof Error ? error.message : String(error)))
  }
}

function fail(io: CliIo, error: CliError): ExitCode {
  writeErrorLine(io, error.message.split('\n')[0] ?? '')
  return error.exitCode
}
