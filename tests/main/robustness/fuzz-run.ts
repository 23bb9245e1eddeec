/** Payloads per contract call; ROBUSTNESS_RUNS lowers it for a quick local run. */
export const RUNS_PER_CALL = Number(process.env.ROBUSTNESS_RUNS ?? 10_000)

/** Printed with every run; ROBUSTNESS_SEED replays one. */
export const SEED = Number(process.env.ROBUSTNESS_SEED ?? Math.floor(Math.random() * 2 ** 31))

const PROTOTYPES: object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype]

/** The own keys of the built-in prototypes, to compare before and after. */
export function prototypeFingerprint(): string {
  return PROTOTYPES.map((prototype) => Reflect.ownKeys(prototype).map(String).sort().join(',')).join('|')
}

/** Whether a payload's `polluted` marker reached every object. */
export function polluted(): boolean {
  const probe: Record<string, unknown> = {}
  return probe.polluted !== undefined || String(probe) !== '[object Object]'
}

/** Collects unhandled rejections and uncaught exceptions while a test file runs. */
export function watchProcessErrors(): { seen: string[]; stop(): void } {
  const seen: string[] = []
  const onRejection = (reason: unknown) => seen.push(`unhandled rejection: ${String(reason)}`)
  const onException = (error: unknown) => seen.push(`uncaught exception: ${String(error)}`)
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onException)
  return {
    seen,
    stop() {
      process.off('unhandledRejection', onRejection)
      process.off('uncaughtException', onException)
    },
  }
}
