import { app } from 'electron'
import { writeErrorLine } from '../cli/cli-io'
import { EXIT } from '../cli/exit-codes'
import { guardStdout } from '../cli/output-guard'

/**
 * `<app> --cli <command>`: the command line on the app's data folder and keychain, with no window. The
 * CLI (and with it libsql and the keychain modules) loads here, so a module that fails to load is a
 * one-line error and exit code 1 on the terminal, like any other failure.
 */
export async function runCliInElectron(args: string[], dataDir: string): Promise<void> {
  app.dock?.hide()
  // Electron shows an uncaught stream error as a modal box; the guard handles them as the plain CLI does.
  const stdout = guardStdout(process.stdout, process.stderr)
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, dataDir }
  let code: number
  try {
    const { runCli } = await import('../cli/run-cli')
    code = await runCli(args, io)
  } catch (error) {
    writeErrorLine(io, error instanceof Error ? error.message : String(error))
    code = EXIT.failure
  }
  // app.exit does not wait for pending output: exit once stdout has taken everything (or has closed).
  process.stdout.write('', () => app.exit(stdout.exitCode(code)))
}
