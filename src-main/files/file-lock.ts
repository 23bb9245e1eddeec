import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type ProperLockfile from 'proper-lockfile'
import { ConsoleError } from '../shared/contract/errors'
import { lazyModule } from '../lazy-module'

/** Loaded with the first lock taken: a read-only command takes none. */
const properLockfile = lazyModule<typeof ProperLockfile>('proper-lockfile')

/** A lock older than this is taken to belong to a process that died while holding it. */
const STALE_MS = 10_000
/** Longer than a stale lock lives, so a waiter always outlasts a dead holder. */
const WAIT_MS = 15_000
const RETRY_MIN_MS = 2
const RETRY_SPREAD_MS = 8

const pause = new Int32Array(new SharedArrayBuffer(4))

/**
 * Runs `work` while holding `<path>.lock`, a lock shared by every process using the data folder (the
 * app, browser-mode hosts, the CLI), so a read-change-write of `path` never overwrites another's
 * change. The work is synchronous and short; a waiter blocks for the few milliseconds it takes.
 */
export function withFileLock<T>(path: string, work: () => T): T {
  const release = acquire(path)
  try {
    return work()
  } finally {
    release()
  }
}

function acquire(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true })
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    try {
      return properLockfile().lockSync(path, {
        realpath: false,
        stale: STALE_MS,
        // The lock is held for milliseconds; should it ever be taken over as stale, the write that
        // follows is still atomic, so this is no reason to bring the process down.
        onCompromised: () => undefined,
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
      if (Date.now() >= deadline) {
        throw new ConsoleError(
          'conflict',
          `Another process has held ${path}.lock for ${WAIT_MS / 1000} s; try again in a moment.`,
          { key: 'fileLocked', params: { file: `${path}.lock`, seconds: WAIT_MS / 1000 } },
        )
      }
      Atomics.wait(pause, 0, 0, RETRY_MIN_MS + Math.random() * RETRY_SPREAD_MS)
    }
  }
}
