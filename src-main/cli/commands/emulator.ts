import { Option, type Command } from 'commander'
import { COOLDOWN_MS } from '../../shared/contract'
import { EMULATOR_TOKEN_HEADER, SANDBOX_APP_ID, startEmulator } from '../../emulator'
import type { CliIo } from '../cli-io'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import type { EmulatorListening } from '../json-output'
import { integerIn } from '../option-parsers'
import { collectingOption } from '../single-value-options'

interface EmulatorOptions {
  port: number
  appId: string[]
  cooldownMs: number
  json?: boolean
}

export function addEmulatorCommand(program: Command, context: CommandContext): void {
  program
    .command('emulator')
    .description('run the local send-sms emulator (the same as npm run emulator) until Ctrl+C')
    .option('--port <n>', 'port to listen on; 0 picks a free one', integerIn(0, 65535), 0)
    .addOption(
      collectingOption(
        new Option('--app-id <id>', `an App ID it knows; repeat for several (default ${SANDBOX_APP_ID})`)
          .argParser(collect)
          .default([]),
      ),
    )
    .option(
      '--cooldown-ms <ms>',
      'wait between two SMS to one phone and channel; 0 disables',
      integerIn(0, 86_400_000),
      COOLDOWN_MS,
    )
    .option('--json', 'print {"url": ..., "token": ...} as one JSON line once it listens')
    .action((options: EmulatorOptions) => context.run(() => runEmulator(context.io, options)))
}

async function runEmulator(io: CliIo, options: EmulatorOptions): Promise<ExitCode> {
  const appIds = options.appId.length > 0 ? options.appId : [SANDBOX_APP_ID]
  // Listening to the signals before the port opens: a stop that comes early is not lost.
  const stopped = untilStopped(io.signal)
  try {
    const emulator = await startEmulator({
      port: options.port,
      appIds,
      cooldownMs: options.cooldownMs,
      onError: (error) => io.stderr.write(`emulator: a request failed: ${String(error)}\n`),
    })
    try {
      if (options.json) {
        const listening: EmulatorListening = { url: emulator.url, token: emulator.token }
        io.stdout.write(`${JSON.stringify(listening)}\n`)
      } else {
        io.stdout.write(
          `Emulator listening on ${emulator.url} (App IDs: ${appIds.join(', ')}). Ctrl+C stops it.\n` +
            `/__emulator/* needs the header ${EMULATOR_TOKEN_HEADER}: ${emulator.token}\n`,
        )
      }
      await stopped.promise
    } finally {
      await emulator.close()
    }
  } finally {
    stopped.dispose()
  }
  return EXIT.ok
}

/** Resolves on the caller's abort signal or, without one, on SIGINT or SIGTERM. */
function untilStopped(signal: AbortSignal | undefined): { promise: Promise<void>; dispose(): void } {
  if (signal) {
    let onAbort = (): void => {}
    const promise = new Promise<void>((resolve) => {
      onAbort = () => resolve()
      if (signal.aborted) resolve()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    return { promise, dispose: () => signal.removeEventListener('abort', onAbort) }
  }
  let onSignal = (): void => {}
  const promise = new Promise<void>((resolve) => {
    onSignal = () => resolve()
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
