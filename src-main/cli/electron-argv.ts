/** The flag that makes the desktop app's executable run the command line instead of a window. */
export const ELECTRON_CLI_FLAG = '--cli'

/**
 * The CLI's arguments when the app was started as `<app> [electron switches] --cli <command> ...`, or null
 * for a normal start. Everything after the first `--cli` belongs to the CLI, even a second `--cli`.
 */
export function cliArgsFromElectronArgv(argv: readonly string[]): string[] | null {
  const index = argv.indexOf(ELECTRON_CLI_FLAG)
  return index === -1 ? null : argv.slice(index + 1)
}
