import type { SmsChannel } from '../shared/contract/channels'
import { ConsoleError, errorText, type ErrorText } from '../shared/contract/errors'
import type { ExportFormat, HistoryEntry, HistoryFilter, HistoryPage } from '../shared/contract/history'
import type { SendResult } from '../shared/contract/send'
import { channelCode, outcomeCode, SENDING, UNKNOWN } from './codes'
import { cooldownEvents, sendingChannels } from './cooldown-queries'
import { openDatabase, pragmaValue, writeTransaction, type Db } from './database'
import { completionDetail, encodeDetail } from './detail-codec'
import { damageBeforeOpening, isDamageError, isForeignDatabase, setHistoryAside } from './file-check'
import { exportFileName, toCsv, toJson } from './export'
import { requestKey, toStoredFilter, type StoredFilter } from './filter'
import { ENTRY_SELECT, toEntry, type EntryRow } from './entry-row'
import { migrate } from './migrations'
import { countOutcomes } from './outcome-counts'
import { currentOwner, INTERRUPTED_AFTER_MS, ownerAlive, type Owner } from './owner'
import { classId, contextId, NO_ANSWER, phoneId } from './shared-rows'
import { newestFirst, pageKeys, type EntryKey } from './page-keys'
import { applyRetention, clearHistory } from './retention'
import { Statements } from './statements'
import type {
  CooldownEvent,
  CooldownSubject,
  HistoryCounts,
  HistoryExport,
  HistoryQueryInput,
  HistoryNotice,
  HistoryStore,
  NewHistoryEntry,
  RetentionPolicy,
} from './types'

const EXPORT_BATCH = 1000
const CLASSES_SENDING = `SELECT id FROM classes WHERE outcome = ${SENDING}`

export interface OpenHistoryOptions {
  clock: () => number
  /** The process recorded as owner of in-flight entries; this process by default. */
  processId?: number
  /**
   * Told when the file was damaged or another program's database and was kept aside for a fresh
   * history. Without it such a file is refused with an error instead.
   */
  onKeptAside?: (text: ErrorText, keptAs: string) => void
  /** Told after every change written through this store (not those of other connections). */
  onChange?: (notice: HistoryNotice) => void
}

/**
 * Opens (creating and migrating as needed) the history database at `file`, then marks entries left
 * `sending` by a process that is gone as `unknown`. A damaged file, or a database of another program,
 * is moved aside whole (never changed) and a fresh history started in its place.
 */
export function openHistory(file: string, options: OpenHistoryOptions): HistoryStore {
  let problem = damageBeforeOpening(file)
  if (problem === null) {
    try {
      return openChecked(file, options)
    } catch (error) {
      if (!isDamageError(error) && !(error instanceof ForeignDatabase)) throw error
      problem = error instanceof ForeignDatabase ? error.message : `it is damaged: ${(error as Error).message}`
    }
  }
  if (!options.onKeptAside) {
    throw new ConsoleError('internal', `The history file ${file} cannot be used: ${problem}.`, {
      key: 'historyUnusable',
      params: { file, problem },
    })
  }
  const aside = setHistoryAside(file, options.clock())
  options.onKeptAside(
    errorText(
      'historyKeptAside',
      `The history file could not be used (${problem}). It was kept as ${aside}; a new, empty history was started.`,
      { problem, keptAs: aside },
    ),
    aside,
  )
  return openChecked(file, options)
}

class ForeignDatabase extends Error {
  constructor() {
    super('it is a database of another program, not a history')
  }
}

function openChecked(file: string, options: OpenHistoryOptions): HistoryStore {
  const db = openDatabase(file)
  try {
    if (isForeignDatabase(db)) throw new ForeignDatabase()
    migrate(db)
    const store = new SqliteHistoryStore(
      db,
      options.clock,
      currentOwner(options.processId),
      options.onChange ?? (() => undefined),
    )
    store.recoverInterrupted()
    return store
  } catch (error) {
    db.close()
    throw error
  }
}

class SqliteHistoryStore implements HistoryStore {
  private readonly statements: Statements

  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
    private readonly owner: Owner,
    private readonly onChange: (notice: HistoryNotice) => void,
  ) {
    this.statements = new Statements(db)
  }

  begin(entry: NewHistoryEntry, guard?: () => void): number {
    const createdAt = this.clock()
    const detail = entry.request
      ? encodeDetail(
          { message: null, requestId: null, request: entry.request, response: null },
          { appId: entry.appId, phoneNumber: entry.phoneNumber },
        )
      : null
    const id = writeTransaction(this.db, () => {
      // Runs under the write lock: another process sharing the file cannot claim the same send between
      // the guard's check and the insert.
      guard?.()
      return this.statements.run(
        `INSERT INTO history (created_at, context_id, phone_id, class_id, cooldown_override,
           validation_override, note, owner_pid, owner_started_at, detail)
         VALUES (:createdAt, :contextId, :phoneId, :classId, :cooldownOverride,
           :validationOverride, :note, :ownerPid, :ownerStartedAt, :detail)`,
        {
          createdAt,
          contextId: contextId(this.statements, entry),
          phoneId: phoneId(this.statements, entry.phoneCountryCode, entry.phoneNumber),
          classId: classId(this.statements, { ...NO_ANSWER, channel: channelCode(entry.channel), outcome: SENDING }),
          cooldownOverride: entry.cooldownOverride ? 1 : 0,
          validationOverride: entry.validationOverride ? 1 : 0,
          note: entry.note,
          ownerPid: this.owner.pid,
          ownerStartedAt: this.owner.startedAt,
          detail,
        },
      ).lastInsertRowid
    })
    this.onChange({ change: 'recorded', entryId: Number(id) })
    return id
  }

  complete(id: number, result: SendResult): void {
    const completedAt = this.clock()
    writeTransaction(this.db, () => {
      const row = this.statements.get<{ appId: string; phoneNumber: string; channel: number }>(
        `SELECT c.app_id AS appId, p.number AS phoneNumber, k.channel AS channel
         FROM history h JOIN contexts c ON c.id = h.context_id JOIN phones p ON p.id = h.phone_id
           JOIN classes k ON k.id = h.class_id
         WHERE h.id = :id`,
        { id },
      )
      if (!row) return
      const detail = completionDetail(result, { appId: row.appId, phoneNumber: row.phoneNumber })
      this.statements.run(
        `UPDATE history SET class_id = :classId, completed_at = :completedAt, latency_ms = :latencyMs,
           request_key = :requestKey, detail = :detail, owner_pid = NULL, owner_started_at = NULL
         WHERE id = :id`,
        {
          id,
          classId: classId(this.statements, {
            channel: row.channel,
            outcome: outcomeCode(result.kind),
            httpStatus: result.httpStatus,
            statusCode: result.statusCode,
            apiCode: result.apiCode,
          }),
          completedAt,
          latencyMs: Math.round(result.latencyMs),
          requestKey: result.requestId === null ? null : requestKey(result.requestId),
          detail,
        },
      )
    })
    this.onChange({ change: 'completed', entryId: id })
  }

  recoverInterrupted(): number {
    const staleBefore = this.clock() - INTERRUPTED_AFTER_MS
    const recovered = writeTransaction(this.db, () => {
      const inFlight = this.statements.all<{
        id: number
        createdAt: number
        pid: number | null
        startedAt: number | null
        channel: number
      }>(
        `SELECT h.id AS id, h.created_at AS createdAt, h.owner_pid AS pid, h.owner_started_at AS startedAt,
           k.channel AS channel
         FROM history h INDEXED BY history_class JOIN classes k ON k.id = h.class_id
         WHERE h.class_id IN (${CLASSES_SENDING})`,
      )
      let recovered = 0
      for (const entry of inFlight) {
        if (entry.createdAt >= staleBefore && ownerAlive(entry, this.owner)) continue
        recovered += this.statements.run(
          `UPDATE history SET class_id = :unknown, owner_pid = NULL, owner_started_at = NULL
           WHERE id = :id AND class_id IN (${CLASSES_SENDING})`,
          {
            id: entry.id,
            unknown: classId(this.statements, { ...NO_ANSWER, channel: entry.channel, outcome: UNKNOWN }),
          },
        ).changes
      }
      return recovered
    })
    if (recovered > 0) this.onChange({ change: 'recovered', entryId: null })
    return recovered
  }

  query({ filter, cursor, limit }: HistoryQueryInput): HistoryPage {
    if (!Number.isInteger(limit) || limit < 1)
      throw new ConsoleError('invalid-input', 'A page holds at least one entry.', { key: 'historyPageSize' })
    const stored = toStoredFilter(filter)
    const keys = pageKeys(this.statements, stored, cursor, limit)
    const hasMore = keys.length > limit
    const pageKeysOnly = keys.slice(0, limit)
    const entries = this.entries(pageKeysOnly, false).filter(
      (entry) => stored.requestId === undefined || entry.requestId === stored.requestId,
    )
    const last = pageKeysOnly[pageKeysOnly.length - 1]
    return {
      entries,
      nextCursor: hasMore && last ? { createdAt: last.createdAt, id: last.id } : null,
      ...this.countsOf(stored),
    }
  }

  counts(filter: HistoryFilter): HistoryCounts {
    return this.countsOf(toStoredFilter(filter))
  }

  get(id: number, revealPhone: boolean): HistoryEntry {
    const row = this.statements.get<EntryRow>(`${ENTRY_SELECT} WHERE h.id = :id`, { id })
    if (!row) {
      throw new ConsoleError('not-found', `History entry ${id} does not exist (it may have been deleted).`, {
        key: 'historyEntryNotFound',
        params: { id },
      })
    }
    return toEntry(row, revealPhone)
  }

  export(filter: HistoryFilter, format: ExportFormat, revealPhones: boolean): HistoryExport {
    const now = this.clock()
    const entries = this.allEntries(toStoredFilter(filter), revealPhones)
    return { fileName: exportFileName(format, now), ...(format === 'csv' ? toCsv(entries) : toJson(entries, now)) }
  }

  clear(): number {
    const deleted = clearHistory(this.db, this.statements)
    if (deleted > 0) this.onChange({ change: 'cleared', entryId: null })
    return deleted
  }

  applyRetention(policy: RetentionPolicy): number {
    const deleted = applyRetention(this.db, this.statements, policy, this.clock())
    if (deleted > 0) this.onChange({ change: 'pruned', entryId: null })
    return deleted
  }

  dataVersion(): number {
    return Number(pragmaValue(this.db, 'data_version'))
  }

  cooldownEvents(subject: CooldownSubject, since: number): CooldownEvent[] {
    return cooldownEvents(this.statements, subject, since, this.owner)
  }

  sendingChannels(subject: CooldownSubject): SmsChannel[] {
    return sendingChannels(this.statements, subject, this.clock(), this.owner)
  }

  close(): void {
    if (!this.db.open) return
    // Refreshes the planner's statistics where stale, reading at most ~1000 rows an index. Only an
    // optimisation: when another process sharing the file holds the write lock, it is skipped.
    try {
      this.db.exec('PRAGMA analysis_limit = 1000')
      this.db.exec('PRAGMA optimize')
    } catch {
      // The statistics are refreshed at a later close.
    } finally {
      this.db.close()
    }
  }

  /** A requestId is looked up by a 32-bit hash: its counts come from the candidates whose id matches. */
  private countsOf(stored: StoredFilter): HistoryCounts {
    if (stored.requestId === undefined) return countOutcomes(this.statements, stored)
    const matching = this.entries(pageKeys(this.statements, stored, undefined, EXPORT_BATCH), false).filter(
      (entry) => entry.requestId === stored.requestId,
    )
    const counts: HistoryCounts['counts'] = {}
    for (const entry of matching) counts[entry.outcome] = (counts[entry.outcome] ?? 0) + 1
    return { counts, total: matching.length }
  }

  /** Every entry of the filter, newest first, read a batch at a time so only the output stays in memory. */
  private *allEntries(stored: StoredFilter, revealPhones: boolean): Generator<HistoryEntry> {
    let cursor: EntryKey | undefined
    for (;;) {
      const keys = pageKeys(this.statements, stored, cursor, EXPORT_BATCH).slice(0, EXPORT_BATCH)
      for (const entry of this.entries(keys, revealPhones)) {
        if (stored.requestId === undefined || entry.requestId === stored.requestId) yield entry
      }
      cursor = keys[keys.length - 1]
      if (keys.length < EXPORT_BATCH) return
    }
  }

  /** Full entries for the keys, in the keys' order. */
  private entries(keys: EntryKey[], revealPhones: boolean): HistoryEntry[] {
    if (keys.length === 0) return []
    const rows = this.statements.all<EntryRow>(`${ENTRY_SELECT} WHERE h.id IN (SELECT value FROM json_each(:ids))`, {
      ids: JSON.stringify(keys.map((key) => key.id)),
    })
    const byId = new Map(rows.map((row) => [row.id, row]))
    return [...keys].sort(newestFirst).flatMap((key) => {
      const row = byId.get(key.id)
      return row ? [toEntry(row, revealPhones)] : []
    })
  }
}
