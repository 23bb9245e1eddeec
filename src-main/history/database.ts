import Database from 'libsql'

export type Db = Database.Database

/** How long a writer waits for another process (the app and the CLI share the file) before failing. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Opens the file with the settings every connection needs.
 * WAL with synchronous=NORMAL: a committed transaction is in the WAL file (handed to the OS) before
 * COMMIT returns, so killing the process at any point loses nothing that was committed; only a power
 * loss or OS crash can drop the last transactions, and the file stays consistent even then. Sends are
 * human-paced, but NORMAL keeps a commit well under a millisecond where FULL would wait for an fsync.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS })
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    db.exec('PRAGMA foreign_keys = ON')
    // Deleted entries (retention, clear) are overwritten, not left readable in free pages of the file.
    db.exec('PRAGMA secure_delete = ON')
    // 16 MB of page cache keeps the counts tables and the upper levels of every index in memory.
    db.exec('PRAGMA cache_size = -16000')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Runs `work` in a write transaction taken up front, so a concurrent writer waits instead of failing.
 * After some errors (a full disk) SQLite has already rolled the transaction back; rolling back again
 * would fail and hide the error that tells the user what happened, so only a live transaction is.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/** The value of a single-row, single-column pragma (libsql's `simple` option does not unwrap it). */
export function pragmaValue(db: Db, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get({}) as Record<string, unknown> | undefined
  return row?.[name]
}
