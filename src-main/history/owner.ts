/** A send cannot take longer (the longest profile timeout is 2 minutes); one still `sending` is dead. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000

/**
 * Who owns an in-flight entry: a process id plus the moment that process started, so a later process
 * that happens to get the same id (a container restarting as pid 1) does not pass for the one that
 * wrote the entry.
 */
export interface Owner {
  pid: number
  startedAt: number
}

export function currentOwner(pid: number = process.pid): Owner {
  return { pid, startedAt: Math.round(performance.timeOrigin) }
}

/** Whether the owner of an in-flight entry may still be sending it. */
export function ownerAlive(owner: { pid: number | null; startedAt: number | null }, self: Owner): boolean {
  if (owner.pid === null) return false
  if (owner.pid === self.pid) return owner.startedAt === self.startedAt
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it may well be sending.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
