import type { OutputConfiguration } from 'commander'

/** The name the command line calls itself in help and error lines. */
export const PROGRAM_NAME = 'genauth-sms'

/** Where a command writes; `process.stdout` and `process.stderr` fit, and so does a test's string buffer. */
export interface TextSink {
  write(text: string): unknown
}

export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  /** Read for GENAUTH_SMS_DATA_DIR, GENAUTH_ACCESS_TOKEN and the language; never process.env directly. */
  env: NodeJS.ProcessEnv
  /** The data folder, when the caller knows it better than the environment (Electron's userData path). */
  dataDir?: string
  /** Stops a long-running command (the emulator); without it, SIGINT and SIGTERM do. */
  signal?: AbortSignal
}

/** Commander's output through `sinks`, its error lines prefixed with `name` instead of "error:". */
export function commanderOutput(name: string, sinks: { stdout: TextSink; stderr: TextSink }): OutputConfiguration {
  return {
    writeOut: (text) => sinks.stdout.write(text),
    writeErr: (text) => sinks.stderr.write(text),
    outputError: (text, write) => write(`${name}: ${text.replace(/^error: /, '')}`),
  }
}

/** One JSON value, the whole of stdout for a command run with `--json`. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** A one-line reason on stderr, prefixed like commander's own errors. */
export function writeErrorLine(io: CliIo, line: string): void {
  io.stderr.write(`${PROGRAM_NAME}: ${line}\n`)
}
