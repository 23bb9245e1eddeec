/** Something another process may change, watched through a stamp that is cheap to read. */
export type WatchedSource = {
  /** Differs from its previous value whenever the source changed. */
  stamp(): string | number | null
  /** Called once per poll in which the stamp moved. */
  changed(): void
}

export type PollOptions = {
  intervalMs: number
  /** A source that cannot be read now (a file being repaired, a busy database) is tried again next poll. */
  onError(error: unknown): void
}

/**
 * Compares each source's stamp with the last one every `intervalMs`. The timer does not keep the process
 * alive; the returned function stops it.
 */
export function pollChanges(sources: WatchedSource[], options: PollOptions): () => void {
  const last = sources.map((source) => readStamp(source, options))
  const timer = setInterval(() => {
    sources.forEach((source, index) => {
      const stamp = readStamp(source, options)
      if (stamp === undefined || stamp === last[index]) return
      last[index] = stamp
      try {
        source.changed()
      } catch (error) {
        options.onError(error)
      }
    })
  }, options.intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

function readStamp(source: WatchedSource, options: PollOptions): string | number | null | undefined {
  try {
    return source.stamp()
  } catch (error) {
    options.onError(error)
    return undefined
  }
}
