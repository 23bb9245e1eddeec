import { Command, CommanderError, Option } from 'commander'
import { CliError } from '../cli/cli-error'
import { commanderOutput, type TextSink } from '../cli/cli-io'
import { EXIT } from '../cli/exit-codes'
import { integerIn } from '../cli/option-parsers'
import { refuseRepeatedOptions } from '../cli/single-value-options'

const HOST_NAME = 'host.js'

export type HostArgs = { port: number } | { exitCode: number }

/**
 * The browser-mode entry's flags, read like the command line's: `--port` is a decimal number from 0 to
 * 65535 (`0x1F90` is not 8080), and an unknown or repeated flag exits 64 with the usage.
 */
export function parseHostArgs(argv: string[], output: { stdout: TextSink; stderr: TextSink }): HostArgs {
  const program = new Command()
    .name(HOST_NAME)
    .description('Browser mode: the console on 127.0.0.1, opened with the URL it prints (token included).')
    .addOption(
      new Option('--port <n>', 'port to listen on; 0 picks a free one').argParser(integerIn(0, 65535)).default(0),
    )
    .helpOption('--help', 'show this help')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput(commanderOutput(HOST_NAME, output))
  refuseRepeatedOptions(program)
  try {
    program.parse(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage }
    if (error instanceof CliError) {
      output.stderr.write(`${HOST_NAME}: ${error.message}\n\n${program.helpInformation()}`)
      return { exitCode: error.exitCode }
    }
    throw error
  }
  return { port: program.opts<{ port: number }>().port }
}
