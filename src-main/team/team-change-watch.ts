import type { TeamHistoryStore } from './team-history-store'

export interface TeamChangeWatch {
  /** The team store open now, or null (team mode off, or nothing has read the team history yet). */
  openStore(): Promise<{ key: string; store: TeamHistoryStore } | null>
  /** The team's history changed since the last poll (on another console, or on this one). */
  changed(): void
  onError(error: unknown): void
  /** Two seconds: another console's send reaches an open window soon, at one small query a poll. */
  intervalMs?: number
}

/**
 * Polls the team database's change counter while a team store is open, and announces each move. A
 * poll waits for the one before; the timer does not keep the process alive; the returned function
 * stops it. The first reading of a database (or of another one) only sets the mark.
 */
export function watchTeamChanges(watch: TeamChangeWatch): () => void {
  let last: { key: string; stamp: number } | null = null
  let polling = false
  const poll = async (): Promise<void> => {
    const open = await watch.openStore()
    if (!open) {
      last = null
      return
    }
    const stamp = await open.store.changeStamp()
    if (last?.key === open.key && last.stamp !== stamp) watch.changed()
    last = { key: open.key, stamp }
  }
  const timer = setInterval(() => {
    if (polling) return
    polling = true
    poll()
      .catch((error: unknown) => watch.onError(error))
      .finally(() => (polling = false))
  }, watch.intervalMs ?? 2000)
  timer.unref()
  return () => clearInterval(timer)
}
