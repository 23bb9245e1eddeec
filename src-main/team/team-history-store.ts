import type pg from 'pg'
import { SMS_CHANNELS, type SmsChannel } from '../shared/contract/channels'
import { COOLDOWN_MS } from '../shared/contract/cooldown'
import { ConsoleError } from '../shared/contract/errors'
import type { ExportFormat, HistoryCursor, HistoryEntry, HistoryFilter, HistoryPage } from '../shared/contract/history'
import type { SendResult } from '../shared/contract/send'
import type { AsyncHistoryStore, BeginOptions, KeyState } from '../history/async-history'
import { eventReason, latestPerChannel, type ReasonRow } from '../history/cooldown-queries'
import { channelCode, channelOf, outcomeCode, outcomeOf, SENDING, UNKNOWN } from '../history/codes'
import { completionDetail, encodeDetail } from '../history/detail-codec'
import { toEntry, type EntryRow } from '../history/entry-row'
import { exportFileName, toCsv, toJson } from '../history/export'
import { toStoredFilter, type StoredFilter } from '../history/filter'
import { INTERRUPTED_AFTER_MS } from '../history/owner'
import type {
  CooldownEvent,
  CooldownSubject,
  HistoryCounts,
  HistoryExport,
  HistoryQueryInput,
  NewHistoryEntry,
} from '../history/types'
import type { TeamDatabaseConfig } from './connection-config'
import { createTeamPool, inTransaction } from './connect'
import { CHANGE_STAMP, HISTORY } from './migrations'
import { readSchemaVersion, schemaProblem } from './schema'
import { teamFailure, type TeamDatabaseError } from './team-errors'
import { countTeamOutcomes } from './team-counts'
import { SqlParams } from './team-filter'
import { ENTRY_SELECT, numbersPageSql, pageSql } from './team-page'
import { matchPhones, type PhoneMatch } from './team-phones'
import { localSourceKey } from './import-key'
import { cooldownPhone, lockText } from './team-key'

/** The longest send a profile allows; a begin that names no timeout gets this lease. */
export const DEFAULT_SEND_TIMEOUT_MS = 120_000
/** Added to the send's timeout: the answer still has to be written after it arrives. */
export const LEASE_MARGIN_MS = 30_000
const EXPORT_BATCH = 1000
/** A phone search this long is most likely a whole number (mainland mobiles have 11 digits, Hong Kong's 8). */
const WHOLE_NUMBER_DIGITS = 8
/** Rows per INSERT of an import: 24 parameters each, well under PostgreSQL's 65,535 per statement. */
const IMPORT_BATCH = 500
const IMPORT_COLUMNS = `created_at, completed_at, profile_id, profile_name, environment, app_id, operator, channel,
  country_code, phone_number, phone_digits, cooldown_phone, outcome, http_status, status_code, api_code, latency_ms,
  cooldown_override, validation_override, note, request_id, detail, console_id, source_key`
/** The throttle answer that starts a fresh cooldown, whatever the result kind carrying it. */
const THROTTLED = 429
const BUSINESS_FAILURE = outcomeCode('business-failure')
const NETWORK_FAILURE = outcomeCode('network-failure')

export interface TeamImport {
  added: number
  alreadyThere: number
  /** Local entries still sending, not uploaded this time. */
  inFlight: number
}

type TeamEntryRow = Omit<EntryRow, 'detail'> & { detail: Buffer | null }

export interface TeamHistoryOptions {
  config: TeamDatabaseConfig
  password: string | null
  clock: () => number
  /** Owns the entries this console has in flight; shown to the others while its lease runs. */
  consoleId: string
}

/**
 * Connects to the team database and checks its schema. A schema `team init` has not created (or not
 * migrated) is refused; a newer one is opened read-only, every write failing with the version it needs.
 */
export async function openTeamHistory(options: TeamHistoryOptions): Promise<TeamHistoryStore> {
  const pool = createTeamPool(options.config, options.password)
  try {
    const problem = schemaProblem(await readSchemaVersion(pool))
    if (problem && problem.problem !== 'schema-too-new') throw problem
    return new TeamHistoryStore(pool, options, problem)
  } catch (error) {
    await pool.end()
    throw teamFailure(error, options.password)
  }
}

/**
 * The team's history in PostgreSQL: the local history's contract, shared by every console. The one
 * request per app, phone and channel a minute holds across machines because `begin` checks the key and
 * writes the entry in one transaction under the key's advisory lock. An entry in flight carries a lease
 * (the send's timeout and a margin) and the console that owns it; once the lease ends it reads as
 * outcome unknown for everyone and cools its channel, like any send that may have gone out.
 */
export class TeamHistoryStore implements AsyncHistoryStore {
  /** When leases were last settled, and until when none can end (see `recoverInterrupted`). */
  private settled = { at: 0, until: 0 }

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: TeamHistoryOptions,
    /** Set when the schema is newer than this console: it reads, but never writes. */
    readonly writeProblem: TeamDatabaseError | null,
  ) {}

  async begin(entry: NewHistoryEntry, options: BeginOptions = {}): Promise<number> {
    this.assertWritable()
    const subject = subjectOf(entry)
    const channel = channelCode(entry.channel)
    const detail = entry.request
      ? encodeDetail(
          { message: null, requestId: null, request: entry.request, response: null },
          { appId: entry.appId, phoneNumber: entry.phoneNumber },
        )
      : null
    return this.transaction(async (client) => {
      // Every console sending to this key queues here; the check below sees whatever the one before wrote.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockText(subject, channel)])
      const now = this.options.clock()
      options.guard?.(await this.keyState(client, subject, entry.channel, now))
      const params = new SqlParams()
      const values = [
        now,
        entry.profileId,
        entry.profileName,
        entry.environment,
        entry.appId,
        entry.operator,
        channel,
        entry.phoneCountryCode ?? '',
        entry.phoneNumber,
        entry.phoneNumber.replace(/\D/g, ''),
        cooldownPhone(subject),
        SENDING,
        entry.cooldownOverride,
        entry.validationOverride,
        entry.note,
        detail,
        this.options.consoleId,
        now + (options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS) + LEASE_MARGIN_MS,
      ].map((value) => params.add(value))
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO ${HISTORY} (created_at, profile_id, profile_name, environment, app_id, operator, channel,
           country_code, phone_number, phone_digits, cooldown_phone, outcome, cooldown_override,
           validation_override, note, detail, console_id, lease_until)
         VALUES (${values.join(', ')}) RETURNING id`,
        params.values,
      )
      return inserted.rows[0]!.id
    })
  }

  /**
   * Records how the send ended. A late answer replaces the "outcome unknown" an expired lease left:
   * the answer is what happened.
   */
  async complete(id: number, result: SendResult): Promise<void> {
    this.assertWritable()
    const completedAt = this.options.clock()
    await this.run(async () => {
      const found = await this.pool.query<{ appId: string; phoneNumber: string }>(
        `SELECT app_id AS "appId", phone_number AS "phoneNumber" FROM ${HISTORY} WHERE id = $1`,
        [id],
      )
      const row = found.rows[0]
      if (!row) return
      const detail = completionDetail(result, row)
      await this.pool.query(
        `UPDATE ${HISTORY} SET outcome = $2, http_status = $3, status_code = $4, api_code = $5, completed_at = $6,
           latency_ms = $7, request_id = $8, detail = $9, lease_until = NULL
         WHERE id = $1 AND console_id = $10 AND outcome IN (${SENDING}, ${UNKNOWN})`,
        [
          id,
          outcomeCode(result.kind),
          result.httpStatus,
          result.statusCode,
          result.apiCode,
          completedAt,
          Math.round(result.latencyMs),
          result.requestId,
          detail,
          this.options.consoleId,
        ],
      )
    })
  }

  /**
   * Names a completed entry whose answer was uploaded later by its local copy: the answer's own time,
   * and the copy's import key, so `team import` finds it instead of adding it again. An import that
   * already brought the copy keeps its key.
   */
  async markUploaded(id: number, local: { sourceKey: string; completedAt: number }): Promise<void> {
    this.assertWritable()
    await this.run(async () => {
      await this.pool.query(
        `UPDATE ${HISTORY} SET completed_at = $3,
           source_key = CASE WHEN EXISTS (SELECT 1 FROM ${HISTORY} WHERE source_key = $2) THEN source_key ELSE $2 END
         WHERE id = $1 AND console_id = $4 AND outcome <> ${SENDING}`,
        [id, local.sourceKey, local.completedAt, this.options.consoleId],
      )
    })
  }

  /**
   * Marks entries whose lease has ended as outcome unknown, their cooldown starting when the lease
   * ended. Rows another transaction holds are skipped (it is settling or completing them), so two
   * consoles settling at once never wait on each other.
   */
  async recoverInterrupted(): Promise<number> {
    if (this.writeProblem) return 0
    const now = this.options.clock()
    if (now >= this.settled.at && now < this.settled.until) return 0
    return this.run(async () => {
      const found = await this.pool.query<{ settled: number; next: number | null }>(
        `WITH settled AS (
           UPDATE ${HISTORY} SET outcome = ${UNKNOWN}, completed_at = lease_until, lease_until = NULL
           WHERE id IN (SELECT id FROM ${HISTORY} WHERE outcome = ${SENDING} AND lease_until <= $1
                        FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT (SELECT count(*) FROM settled)::int AS settled,
                (SELECT min(lease_until) FROM ${HISTORY} WHERE outcome = ${SENDING} AND lease_until > $1) AS next`,
        [now],
      )
      const { settled, next } = found.rows[0]!
      // No lease can end before the earliest one running now, nor before a send begun from now on
      // could end its own (its timeout plus the margin): the reads until then need not settle.
      this.settled = { at: now, until: Math.min(next ?? Infinity, now + LEASE_MARGIN_MS) }
      return settled
    })
  }

  async query({ filter, cursor, limit }: HistoryQueryInput): Promise<HistoryPage> {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new ConsoleError('invalid-input', 'A page holds at least one entry.', { key: 'historyPageSize' })
    }
    await this.recoverInterrupted()
    const stored = toStoredFilter(filter)
    // A search for a whole number most often matches that number alone: its page is read while the
    // phone counts are searched, and kept when they find no other number.
    const whole = (stored.phoneDigits?.length ?? 0) >= WHOLE_NUMBER_DIGITS ? stored.phoneDigits! : null
    const guess = whole === null ? null : this.numberPage(stored, limit + 1, cursor, whole)
    guess?.catch(() => undefined)
    const phones = await this.phonesOf(stored)
    const guessed = phones?.entries && [...phones.entries.keys()].every((digits) => digits === whole)
    const params = new SqlParams()
    const [rows, counts] = await Promise.all([
      guess && guessed ? guess : this.rows(pageSql(stored, params, limit + 1, cursor, phones), params),
      this.run(() => countTeamOutcomes(this.pool, stored, phones)),
    ])
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      entries: page.map((row) => toEntry(row, false)),
      nextCursor: rows.length > limit && last ? { createdAt: last.created_at, id: last.id } : null,
      ...counts,
    }
  }

  async counts(filter: HistoryFilter): Promise<HistoryCounts> {
    await this.recoverInterrupted()
    const stored = toStoredFilter(filter)
    const phones = await this.phonesOf(stored)
    return this.run(() => countTeamOutcomes(this.pool, stored, phones))
  }

  async get(id: number, revealPhone: boolean): Promise<HistoryEntry> {
    await this.recoverInterrupted()
    const params = new SqlParams()
    const [row] = await this.rows(`${ENTRY_SELECT} WHERE id = ${params.add(id)}`, params)
    if (!row) {
      throw new ConsoleError('not-found', `History entry ${id} does not exist.`, {
        key: 'historyEntryNotFound',
        params: { id },
      })
    }
    return toEntry(row, revealPhone)
  }

  async export(filter: HistoryFilter, format: ExportFormat, revealPhones: boolean): Promise<HistoryExport> {
    await this.recoverInterrupted()
    const now = this.options.clock()
    const stored = toStoredFilter(filter)
    const phones = await this.phonesOf(stored)
    const entries: HistoryEntry[] = []
    let cursor: { createdAt: number; id: number } | undefined
    for (;;) {
      const params = new SqlParams()
      const rows = await this.rows(pageSql(stored, params, EXPORT_BATCH, cursor, phones), params)
      entries.push(...rows.map((row) => toEntry(row, revealPhones)))
      const last = rows[rows.length - 1]
      if (!last || rows.length < EXPORT_BATCH) break
      cursor = { createdAt: last.created_at, id: last.id }
    }
    return { fileName: exportFileName(format, now), ...(format === 'csv' ? toCsv(entries) : toJson(entries, now)) }
  }

  async cooldownEvents(subject: CooldownSubject, since: number): Promise<CooldownEvent[]> {
    return this.run(() => this.cooldownEventsOn(this.pool, subject, since, this.options.clock()))
  }

  /** Channels with a send to the phone under an unexpired lease, on any console. */
  async sendingChannels(subject: CooldownSubject): Promise<SmsChannel[]> {
    return this.run(() => this.sendingChannelsOn(this.pool, subject, this.options.clock()))
  }

  /**
   * Uploads finished entries of a console's local history; an entry uploaded before (by this console or
   * from another copy of the same history) is left as it is, so importing twice adds nothing. Entries
   * still in flight are left for a later import.
   */
  async importEntries(entries: Iterable<HistoryEntry>): Promise<TeamImport> {
    this.assertWritable()
    const outcome: TeamImport = { added: 0, alreadyThere: 0, inFlight: 0 }
    const finished: HistoryEntry[] = []
    for (const entry of entries) {
      if (entry.outcome === 'sending') outcome.inFlight++
      else finished.push(entry)
    }
    // Each batch commits on its own: its count triggers then take their rows' locks in one sorted pass,
    // as every other write does, so an import never deadlocks with a console's send. An import cut
    // short is finished by running it again.
    await this.run(async () => {
      for (let start = 0; start < finished.length; start += IMPORT_BATCH) {
        const batch = finished.slice(start, start + IMPORT_BATCH)
        const params = new SqlParams()
        const rows = batch.map(
          (entry) =>
            `(${this.importValues(entry)
              .map((value) => params.add(value))
              .join(', ')})`,
        )
        // One statement per batch; a row uploaded before (its source_key taken) is skipped, not an error.
        const inserted = await this.pool.query(
          `INSERT INTO ${HISTORY} (${IMPORT_COLUMNS}) VALUES ${rows.join(', ')} ON CONFLICT (source_key) DO NOTHING`,
          params.values,
        )
        const added = inserted.rowCount ?? 0
        outcome.added += added
        outcome.alreadyThere += batch.length - added
      }
    })
    return outcome
  }

  /** A finished local entry as the values of IMPORT_COLUMNS, in order. */
  private importValues(entry: HistoryEntry): unknown[] {
    return [
      entry.createdAt,
      entry.completedAt,
      entry.profileId,
      entry.profileName,
      entry.environment,
      entry.appId,
      entry.operator,
      channelCode(entry.channel),
      entry.phoneCountryCode ?? '',
      entry.phoneNumber,
      entry.phoneNumber.replace(/\D/g, ''),
      cooldownPhone(entry),
      outcomeCode(entry.outcome),
      entry.httpStatus,
      entry.statusCode,
      entry.apiCode,
      entry.latencyMs === null ? null : Math.round(entry.latencyMs),
      entry.cooldownOverride,
      entry.validationOverride,
      entry.note,
      entry.requestId,
      encodeDetail(entry, { appId: entry.appId, phoneNumber: entry.phoneNumber }),
      this.options.consoleId,
      localSourceKey(entry),
    ]
  }

  /**
   * A number that moves whenever any console changes the team's history (this one too): a sequence
   * the history's triggers advance, read without touching the history.
   */
  async changeStamp(): Promise<number> {
    return this.run(async () => {
      const found = await this.pool.query<{ stamp: number }>(`SELECT ${CHANGE_STAMP}() AS stamp`)
      return found.rows[0]!.stamp
    })
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  private assertWritable(): void {
    if (this.writeProblem) throw this.writeProblem
  }

  private async keyState(
    client: pg.ClientBase,
    subject: CooldownSubject,
    channel: SmsChannel,
    now: number,
  ): Promise<KeyState> {
    const [events, sending] = [
      await this.cooldownEventsOn(client, subject, now - COOLDOWN_MS, now),
      await this.sendingChannelsOn(client, subject, now),
    ]
    return {
      now,
      sending: sending.includes(channel),
      cooldown: events.find((event) => event.channel === channel) ?? null,
    }
  }

  /**
   * For each channel, the latest event after `since` that starts a cooldown, read as the local history
   * reads its own (`eventReason`): a success, a throttle answer, or any end that may have reached GenAuth
   * (a timeout, a connection lost after the request left, an HTTP 5xx, an unreadable answer, an outcome
   * unknown), counting an entry whose lease has ended as unknown from that moment even before anyone
   * settled it.
   */
  private async cooldownEventsOn(
    db: pg.ClientBase | pg.Pool,
    subject: CooldownSubject,
    since: number,
    now: number,
  ): Promise<CooldownEvent[]> {
    const found = await db.query<
      Omit<ReasonRow, 'detail'> & { channel: number; at: number; outcome: number; detail: Buffer | null }
    >(
      `SELECT channel, CASE WHEN outcome = ${SENDING} THEN lease_until ELSE completed_at END AS at, outcome,
              http_status AS "httpStatus", status_code AS "statusCode", phone_number AS "phoneNumber",
              CASE WHEN outcome = ${NETWORK_FAILURE} THEN detail END AS detail
       FROM ${HISTORY}
       WHERE cooldown_phone = $1 AND created_at >= $2
         AND ((completed_at > $3 AND (outcome <> ${BUSINESS_FAILURE} OR status_code = ${THROTTLED}))
              OR (outcome = ${SENDING} AND lease_until <= $4 AND lease_until > $3))`,
      // An event after `since` belongs to a send started at most INTERRUPTED_AFTER_MS before it.
      [cooldownPhone(subject), since - INTERRUPTED_AFTER_MS, since, now],
    )
    return latestPerChannel(
      found.rows.flatMap((row) => {
        // Only an entry whose lease has ended is read here while still `sending`.
        const outcome = row.outcome === SENDING ? 'unknown' : outcomeOf(row.outcome)
        const reason = eventReason({ ...row, detail: arrayBufferOf(row.detail) }, outcome, subject.appId)
        return reason === null ? [] : [{ channel: channelOf(row.channel), at: row.at, reason, outcome }]
      }),
    )
  }

  private async sendingChannelsOn(
    db: pg.ClientBase | pg.Pool,
    subject: CooldownSubject,
    now: number,
  ): Promise<SmsChannel[]> {
    const found = await db.query<{ channel: number }>(
      `SELECT DISTINCT channel FROM ${HISTORY}
       WHERE cooldown_phone = $1 AND created_at >= $2 AND outcome = ${SENDING} AND lease_until > $3`,
      [cooldownPhone(subject), now - INTERRUPTED_AFTER_MS, now],
    )
    const channels = new Set(found.rows.map((row) => channelOf(row.channel)))
    return SMS_CHANNELS.filter((channel) => channels.has(channel))
  }

  private numberPage(
    stored: StoredFilter,
    take: number,
    cursor: HistoryCursor | undefined,
    digits: string,
  ): Promise<EntryRow[]> {
    const params = new SqlParams()
    return this.rows(numbersPageSql(stored, params, take, cursor, [digits]), params)
  }

  /** The numbers a phone search matches, which plan its page and its counts. */
  private async phonesOf(stored: StoredFilter): Promise<PhoneMatch | null> {
    if (stored.phoneDigits === undefined || stored.matchesNothing) return null
    const digits = stored.phoneDigits
    return this.run(() => matchPhones(this.pool, digits))
  }

  private async rows(sql: string, params: SqlParams): Promise<EntryRow[]> {
    const found = await this.run(() => this.pool.query<TeamEntryRow>(sql, params.values))
    return found.rows.map((row) => ({ ...row, detail: arrayBufferOf(row.detail) }))
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, this.options.password, work)
  }

  /** Any failure reaches the caller classified, its text without the password. */
  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw teamFailure(error, this.options.password)
    }
  }
}

function subjectOf(entry: NewHistoryEntry): CooldownSubject {
  return { appId: entry.appId, phoneCountryCode: entry.phoneCountryCode, phoneNumber: entry.phoneNumber }
}

/** The local readers take a detail as an ArrayBuffer, as libsql hands it over; pg gives a Buffer. */
function arrayBufferOf(detail: Buffer | null): ArrayBuffer | null {
  return detail && new Uint8Array(detail).buffer
}
