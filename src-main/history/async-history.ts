import type { SmsChannel } from '../shared/contract/channels'
import { COOLDOWN_MS } from '../shared/contract/cooldown'
import { ConsoleError } from '../shared/contract/errors'
import type { ExportFormat, HistoryEntry, HistoryFilter, HistoryPage } from '../shared/contract/history'
import type { SendResult } from '../shared/contract/send'
import type {
  CooldownEvent,
  CooldownSubject,
  HistoryCounts,
  HistoryExport,
  HistoryQueryInput,
  HistoryStore,
  NewHistoryEntry,
} from './types'

/** What a store knows of one app, phone and channel at the moment it is about to write a send. */
export interface KeyState {
  now: number
  /** A send to the key is in flight (in a live process here, or under an unexpired lease in a team). */
  sending: boolean
  /** The latest event that started a cooldown on the key within the last COOLDOWN_MS. */
  cooldown: CooldownEvent | null
}

export interface BeginOptions {
  /**
   * Runs atomically with the insert (under the write lock locally, under the key's advisory lock in a
   * team database), with the key's state as read there; throwing from it records nothing.
   */
  guard?: (state: KeyState) => void
  /** The send's timeout: a team entry's lease is this plus a margin. */
  timeoutMs?: number
}

/**
 * The history contract both stores keep, the local SQLite one (through `asyncHistory`) and the team's
 * PostgreSQL one. Deleting (clear, retention) is not part of it: a team's history belongs to the owner
 * of its database.
 */
export interface AsyncHistoryStore {
  begin(entry: NewHistoryEntry, options?: BeginOptions): Promise<number>
  complete(id: number, result: SendResult): Promise<void>
  /** Marks entries whose sender is gone as outcome unknown; returns how many. */
  recoverInterrupted(): Promise<number>
  query(query: HistoryQueryInput): Promise<HistoryPage>
  counts(filter: HistoryFilter): Promise<HistoryCounts>
  get(id: number, revealPhone: boolean): Promise<HistoryEntry>
  export(filter: HistoryFilter, format: ExportFormat, revealPhones: boolean): Promise<HistoryExport>
  cooldownEvents(subject: CooldownSubject, since: number): Promise<CooldownEvent[]>
  sendingChannels(subject: CooldownSubject): Promise<SmsChannel[]>
  close(): Promise<void>
}

/** The local store behind the async contract; its guard reads the key's state inside the write lock. */
export function asyncHistory(store: HistoryStore, clock: () => number): AsyncHistoryStore {
  const run = async <T>(work: () => T): Promise<T> => work()
  return {
    begin: (entry, options = {}) =>
      run(() =>
        store.begin(entry, () => {
          const { guard } = options
          if (!guard) return
          const now = clock()
          const subject = {
            appId: entry.appId,
            phoneCountryCode: entry.phoneCountryCode,
            phoneNumber: entry.phoneNumber,
          }
          guard({
            now,
            sending: store.sendingChannels(subject).includes(entry.channel),
            cooldown:
              store.cooldownEvents(subject, now - COOLDOWN_MS).find((event) => event.channel === entry.channel) ?? null,
          })
        }),
      ),
    complete: (id, result) => run(() => store.complete(id, result)),
    recoverInterrupted: () => run(() => store.recoverInterrupted()),
    query: (query) => run(() => store.query(query)),
    counts: (filter) => run(() => store.counts(filter)),
    get: (id, revealPhone) => run(() => store.get(id, revealPhone)),
    export: (filter, format, revealPhones) => run(() => store.export(filter, format, revealPhones)),
    cooldownEvents: (subject, since) => run(() => store.cooldownEvents(subject, since)),
    sendingChannels: (subject) => run(() => store.sendingChannels(subject)),
    close: () => run(() => store.close()),
  }
}

/**
 * The refusal every send honours: one in flight per key, and none while the key cools unless the user
 * overrides the cooldown. Pure, so it can run inside either store's lock.
 */
export function refuseBlockedSend(state: KeyState, overrideCooldown: boolean): void {
  if (state.sending)
    throw new ConsoleError('in-flight', 'A send to this number on this channel is already in progress.')
  if (state.cooldown && !overrideCooldown) {
    const seconds = Math.max(1, Math.ceil((state.cooldown.at + COOLDOWN_MS - state.now) / 1000))
    throw new ConsoleError(
      'cooldown',
      `GenAuth allows one SMS per number and channel per minute: ${seconds} s left on this channel.`,
    )
  }
}
