import type { CallError, ErrorCode } from '../shared/contract'
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes'

/** The contract's code for a refusal the command line makes itself, by its exit code. */
const CODE_FOR_EXIT: Partial<Record<ExitCode, ErrorCode>> = { [EXIT.usage]: 'invalid-input' }

/**
 * A refused invocation: its one-line reason goes to stderr and the process ends with `exitCode`. `code`
 * is the contract's error code, which `--json` prints with the reason.
 */
export class CliError extends Error {
  readonly code: ErrorCode

  constructor(
    readonly exitCode: ExitCode,
    message: string,
    code?: ErrorCode,
  ) {
    super(message)
    this.name = 'CliError'
    this.code = code ?? CODE_FOR_EXIT[exitCode] ?? 'internal'
  }

  static usage(message: string): CliError {
    return new CliError(EXIT.usage, message)
  }

  /** A service's refusal, with the schema's issues folded into the one line. */
  static fromCall(error: CallError): CliError {
    const issues = (error.issues ?? []).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    const message = issues.length > 0 ? `${error.message} (${issues.join('; ')})` : error.message
    return new CliError(exitCodeForError(error), message, error.code)
  }
}
