import type { CliIo } from './cli-io'
import type { ExitCode } from './exit-codes'

/** What every command is registered with: where to write, and how to hand back its exit code. */
export interface CommandContext {
  io: CliIo
  run(action: () => Promise<ExitCode>): Promise<void>
}
