import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { setAsideCorruptFile } from '../files/json-file'
import { pragmaValue, type Db } from './database'

const SQLITE_HEADER = 'SQLite format 3\u0000'
/** What SQLite says when the file is not a database or its pages do not hold together. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB'])

/** Why the file cannot be the history, or null when it can be opened (or does not exist yet). */
export function damageBeforeOpening(file: string): string | null {
  if (!existsSync(file)) return null
  const size = statSync(file).size
  if (size === 0) return null
  const header = Buffer.alloc(100)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  // The header's page count is not compared with the size: while another process copies pages back
  // at a checkpoint, the header is written before the pages it counts. SQLite judges the pages.
  if (size < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER) return 'it is not an SQLite database'
  return null
}

/** Whether an error thrown while opening says the file is damaged, rather than busy or unwritable. */
export function isDamageError(error: unknown): boolean {
  return DAMAGE_CODES.has((error as { code?: unknown } | null)?.code as string)
}

/**
 * Whether the file holds another program's data: tables, but not the history's own. A new, empty
 * file is the app's to set up; a foreign one must never get the app's tables added to it.
 */
export function isForeignDatabase(db: Db): boolean {
  // One read transaction: another process may be creating the tables and the version between two reads.
  return db.transaction(() => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all({}) as { name: string }[]
    if (tables.length === 0) return Number(pragmaValue(db, 'user_version')) !== 0
    return !tables.some((table) => table.name === 'history')
  })()
}

/** Moves the file and its WAL aside as `<file>.corrupt-<time>` (and `-wal`); returns the new path. */
export function setHistoryAside(file: string, now: number): string {
  const aside = setAsideCorruptFile(file, now)
  // The WAL belongs to the file it was written for: kept with it, never replayed into a fresh history.
  if (existsSync(`${file}-wal`)) renameSync(`${file}-wal`, `${aside}-wal`)
  rmSync(`${file}-shm`, { force: true })
  return aside
}
