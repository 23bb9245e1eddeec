import type { CallError } from '../contract'
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes'

/** A refused invocation: its one-line reason goes to stderr and the process ends with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message)
    this.name = 'CliError'
  }

  static usage(message: string): CliError {
    return new CliError(EXIT.usage, message)
  }

  /** A service's refusal, with the schema's issues folded into the one line. */
  static fromCall(error: CallError): CliError {
    const issues = (error.issues ?? []).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    const message = issues.length > 0 ? `${error.message} (${issues.join('; ')})` : error.message
    return new CliError(exitCodeForError(error), message)
  }
}
