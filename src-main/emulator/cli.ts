import { Command, InvalidArgumentError } from 'commander'
import { COOLDOWN_MS } from '../shared/contract/cooldown'
import { SANDBOX_APP_ID } from './sandbox'
import { startEmulator } from './server'

/**
 * `npm run emulator -- --port 4010 --app-id my-app`: runs the send-sms emulator on its own. Stdout
 * carries exactly one JSON line, `{"url":"http://127.0.0.1:<port>","token":"..."}`, once it listens, so
 * scripts can read where it is and the token its `/__emulator/*` routes need; SIGINT and SIGTERM stop it
 * with exit code 0. Handler errors go to stderr; the emulator keeps serving.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('emulator')
    .description('Local emulator of GenAuth POST /api/v3/send-sms')
    .option('--port <n>', 'port to listen on; 0 picks a free one', integerOption(0, 65535), 0)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option(
      '--app-id <id>',
      `an App ID the emulator knows; repeat for several (default ${SANDBOX_APP_ID})`,
      collect,
      [],
    )
    .option(
      '--cooldown-ms <ms>',
      'wait between two SMS to the same phone and channel; 0 disables',
      integerOption(0, 86_400_000),
      COOLDOWN_MS,
    )
    .parse()
  const options = program.opts<{ port: number; host: string; appId: string[]; cooldownMs: number }>()

  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    appIds: options.appId.length > 0 ? options.appId : [SANDBOX_APP_ID],
    cooldownMs: options.cooldownMs,
    onError: (error) => process.stderr.write(`emulator: a request failed: ${String(error)}\n`),
  })
  process.stdout.write(`${JSON.stringify({ url: emulator.url, token: emulator.token })}\n`)

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: could not close cleanly: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function integerOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`)
    }
    return n
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
