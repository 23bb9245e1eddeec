import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import { DATA_DIR_VARIABLE } from '../app-paths'
import { CliError } from './cli-error'
import { commanderOutput, PROGRAM_NAME, writeErrorLine, writeJson, type CliIo } from './cli-io'
import type { CommandContext } from './command-context'
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

type Registration = (program: Command, context: CommandContext) => void

/**
 * Every command, in the order help lists them, each loaded only when it is registered: a command's
 * modules (the send flow, the team database's driver, the emulator) cost start-up time to load.
 */
const COMMANDS: Record<string, () => Promise<Registration>> = {
  send: async () => (await import('./commands/send')).addSendCommand,
  history: async () => {
    const [{ addHistoryCommand }, { addHistoryExportCommand }, { addHistoryShowCommand }] = await Promise.all([
      import('./commands/history'),
      import('./commands/history-export'),
      import('./commands/history-show'),
    ])
    return (program, context) => {
      const history = addHistoryCommand(program, context)
      addHistoryExportCommand(history, context)
      addHistoryShowCommand(history, context)
    }
  },
  profiles: async () => (await import('./commands/profiles')).addProfilesCommand,
  cooldown: async () => (await import('./commands/cooldown')).addCooldownCommand,
  emulator: async () => (await import('./commands/emulator')).addEmulatorCommand,
  channels: async () => (await import('./commands/channels')).addChannelsCommand,
  explain: async () => (await import('./commands/explain')).addExplainCommand,
  team: async () => (await import('./commands/team')).addTeamCommand,
}

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
        await printDataWarnings(io)
      }
    },
  }
  const named = commandNameIn(argv)
  const program = await buildProgram(context, named ? [named] : Object.keys(COMMANDS))

  // Only a flag that looks like a secret needs every command's own flags (`--token-from-env` is not one).
  if (secretFlagIn(argv, new Set())) {
    const everyCommand = named ? await buildProgram(context, Object.keys(COMMANDS)) : program
    const secretFlag = secretFlagIn(argv, ownFlagsOf(everyCommand))
    if (secretFlag) return fail(io, json, CliError.usage(secretFlagMessage(secretFlag)))
  }

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
    // Loaded here: a command that throws one has loaded it already, and one that succeeds never needs it.
    const { ConsoleError } = await import('../shared/contract/errors')
    if (error instanceof ConsoleError) {
      return fail(io, json, new CliError(exitCodeForError(error), error.message, error.code))
    }
    return fail(io, json, new CliError(EXIT.failure, error instanceof Error ? error.message : String(error)))
  }
}

/** The command a command line names, when it names a known one; help and typos need them all. */
function commandNameIn(argv: readonly string[]): string | null {
  // The program's own options (--help, --version) take no value, so the first word is the command.
  const first = argv.find((arg) => !arg.startsWith('-'))
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : null
}

async function buildProgram(context: CommandContext, names: readonly string[]): Promise<Command> {
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

  const registrations = await Promise.all(names.map((name) => COMMANDS[name]!()))
  for (const register of registrations) register(program, context)
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
