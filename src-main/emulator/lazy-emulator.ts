import type { EmulatorOptions, RunningEmulator } from './server'

/**
 * An emulator that opens its port only when first needed, then stays: a command that never sends to
 * it (reading the history, listing profiles) leaves no listener behind on this computer.
 */
export class LazyEmulator {
  private starting: Promise<RunningEmulator> | null = null
  private current: RunningEmulator | null = null

  constructor(private readonly options: EmulatorOptions) {}

  /** The running emulator, started on the first call; concurrent first calls share one start. */
  start(): Promise<RunningEmulator> {
    // The server (and the phone metadata it validates with) loads on the first start only.
    this.starting ??= import('./server')
      .then(({ startEmulator }) => startEmulator(this.options))
      .then(
        (emulator) => (this.current = emulator),
        (error: unknown) => {
          // A failed start (no free port) is tried again by the next send rather than remembered.
          this.starting = null
          throw error
        },
      )
    return this.starting
  }

  /** The emulator if it is listening, else null (nothing has needed it yet). */
  get running(): RunningEmulator | null {
    return this.current
  }

  async close(): Promise<void> {
    const starting = this.starting
    this.starting = null
    this.current = null
    if (starting) await (await starting.catch(() => null))?.close()
  }
}
