import { PROGRAM_NAME } from './cli-io'
import { EXIT } from './exit-codes'

export interface StdoutGuard {
  /** The command's exit code, or 1 when it succeeded but its output could not be written. */
  exitCode(commandCode: number): number
}

/**
 * Keeps a failing stdout from crashing the process with a stack trace. A reader that stops early
 * (`| head`) closes the pipe (EPIPE): the command still finishes quietly and closes its services. Any
 * other failure (`> /dev/full`: ENOSPC, a closed descriptor: EBADF) is said once on stderr, and a command
 * that otherwise succeeded exits 1, since the user did not get its output.
 */
export function guardStdout(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): StdoutGuard {
  let failed = false
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || failed) return
    failed = true
    // The error may arrive after the command's code was set: a success becomes a failure then too.
    if (!process.exitCode) process.exitCode = EXIT.failure
    stderr.write(`${PROGRAM_NAME}: cannot write the output: ${error.message}\n`)
  })
  // Nowhere is left to report a failing stderr; it must not crash the command either.
  stderr.on('error', () => {})
  return { exitCode: (code) => (failed && code === EXIT.ok ? EXIT.failure : code) }
}
