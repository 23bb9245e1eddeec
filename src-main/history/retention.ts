import { SENDING } from './codes'
import { writeTransaction, type Db } from './database'
import { COUNTS_TABLES } from './migrations'
import type { Statements } from './statements'
import type { RetentionPolicy } from './types'

const DAY_MS = 86_400_000
/** Deleting in batches keeps each write transaction short, so a send in another process waits briefly. */
const BATCH = 5000

/**
 * Deletes entries older than `days` and beyond the newest `maxEntries`, never one still in flight, then
 * forgets phones and contexts no entry refers to any more. Returns how many entries were deleted.
 */
export function applyRetention(db: Db, statements: Statements, policy: RetentionPolicy, now: number): number {
  let deleted = 0
  if (policy.days !== null) {
    deleted += deleteBatches(db, statements, 'h.created_at < :cutoff', { cutoff: now - policy.days * DAY_MS })
  }
  if (policy.maxEntries !== null) {
    const boundary = statements.get<{ createdAt: number; id: number }>(
      `SELECT created_at AS createdAt, id FROM history INDEXED BY history_created
       ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET :offset`,
      { offset: Math.max(0, policy.maxEntries - 1) },
    )
    if (boundary) {
      const older =
        policy.maxEntries === 0 ? 'h.created_at <= :at' : 'h.created_at <= :at AND (h.created_at < :at OR h.id < :id)'
      deleted += deleteBatches(db, statements, older, { at: boundary.createdAt, id: boundary.id })
    }
  }
  if (deleted > 0) forgetUnused(db, statements)
  return deleted
}

/**
 * Deletes every entry except those in flight; returns how many. Row by row, the count triggers would
 * make clearing a million entries take most of a minute. Instead, in one transaction: the entries in
 * flight are set aside, the triggers dropped, the log and its counts emptied at once, the triggers
 * restored, and the entries in flight put back, counted again as they go in.
 */
export function clearHistory(db: Db, statements: Statements): number {
  const deleted = writeTransaction(db, () => {
    const triggers = statements.all<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'history'",
    )
    db.exec(`CREATE TEMP TABLE kept AS SELECT * FROM history
             WHERE class_id IN (SELECT id FROM classes WHERE outcome = ${SENDING})`)
    const all = statements.get<{ n: number }>('SELECT count(*) AS n FROM history')?.n ?? 0
    const kept = statements.get<{ n: number }>('SELECT count(*) AS n FROM temp.kept')?.n ?? 0
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)
    db.exec('DELETE FROM history')
    for (const table of COUNTS_TABLES) db.exec(`DELETE FROM ${table}`)
    for (const trigger of triggers) db.exec(trigger.sql)
    db.exec('INSERT INTO history SELECT * FROM temp.kept; DROP TABLE temp.kept')
    return all - kept
  })
  forgetUnused(db, statements)
  // Deleted pages stay in the WAL until a checkpoint; move them into the (zeroed) database file now.
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  return deleted
}

function deleteBatches(db: Db, statements: Statements, where: string, params: Record<string, number>): number {
  let deleted = 0
  for (;;) {
    const { changes } = writeTransaction(db, () =>
      statements.run(
        `DELETE FROM history WHERE id IN (
           SELECT h.id FROM history h INDEXED BY history_created
           WHERE ${where} AND h.class_id NOT IN (SELECT id FROM classes WHERE outcome = ${SENDING})
           ORDER BY h.created_at LIMIT ${BATCH})`,
        params,
      ),
    )
    deleted += changes
    if (changes < BATCH) return deleted
  }
}

function forgetUnused(db: Db, statements: Statements): void {
  writeTransaction(db, () => {
    statements.run(
      'DELETE FROM phones WHERE NOT EXISTS (SELECT 1 FROM history INDEXED BY history_phone WHERE phone_id = phones.id)',
    )
    statements.run(
      'DELETE FROM contexts WHERE NOT EXISTS (SELECT 1 FROM history INDEXED BY history_context WHERE context_id = contexts.id)',
    )
  })
}
