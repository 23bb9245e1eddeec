import type { SmsChannel } from '../shared/contract/channels'
import type { CooldownReason } from '../shared/contract/cooldown'
import type {
  ExportFormat,
  HistoryCursor,
  HistoryEntry,
  HistoryFilter,
  HistoryPage,
  Outcome,
} from '../shared/contract/history'
import type { HistoryChange } from '../shared/contract/events'
import type { Environment } from '../shared/contract/profiles'
import type { RedactedRequest, SendResult } from '../shared/contract/send'

/** What is known of a send before it goes out. */
export interface NewHistoryEntry {
  profileId: string
  profileName: string
  environment: Environment
  appId: string
  channel: SmsChannel
  phoneCountryCode: string | null
  phoneNumber: string
  operator: string
  note: string | null
  cooldownOverride: boolean
  validationOverride: boolean
  /** The request about to go out, when already built; completion records the one that did. */
  request?: RedactedRequest | null
}

/** The phone a cooldown belongs to, within one application. */
export interface CooldownSubject {
  appId: string
  phoneCountryCode: string | null
  phoneNumber: string
}

/** The latest event on a channel that starts a cooldown: a send that may have reached GenAuth, or a throttle answer. */
export interface CooldownEvent {
  channel: SmsChannel
  /** When the answer arrived (completedAt); when the send began, for one that never completed. */
  at: number
  reason: CooldownReason
  /** How the entry that started it ended; `sending` while its live process has not completed it. */
  outcome: Outcome
}

export interface HistoryQueryInput {
  filter: HistoryFilter
  cursor?: HistoryCursor
  limit: number
}

export interface HistoryCounts {
  /** Outcomes with no entry are left out. */
  counts: HistoryPage['counts']
  total: number
}

export interface HistoryExport {
  fileName: string
  content: string
  count: number
}

export interface RetentionPolicy {
  days: number | null
  maxEntries: number | null
}

/** A change written through the store: what happened, and to which entry when it was one send. */
export interface HistoryNotice {
  change: HistoryChange
  entryId: number | null
}

export interface HistoryStore {
  /** Writes the entry as `sending` before the request goes out; returns its id. */
  /** `guard` runs inside the write transaction, before the insert; throwing from it records nothing. */
  begin(entry: NewHistoryEntry, guard?: () => void): number
  /** Records how the send ended. An entry deleted meanwhile (history cleared) is left deleted. */
  complete(id: number, result: SendResult): void
  /** Marks `sending` entries whose process is gone, or that are older than 10 minutes, as `unknown`. */
  recoverInterrupted(): number
  /** One page, newest first, with the outcome counts of the whole filter. */
  query(query: HistoryQueryInput): HistoryPage
  /** The outcome counts and total of a filter, without a page. */
  counts(filter: HistoryFilter): HistoryCounts
  get(id: number, revealPhone: boolean): HistoryEntry
  export(filter: HistoryFilter, format: ExportFormat, revealPhones: boolean): HistoryExport
  clear(): number
  applyRetention(policy: RetentionPolicy): number
  /** For each channel, the latest cooldown event of this phone completed after `since`. */
  cooldownEvents(subject: CooldownSubject, since: number): CooldownEvent[]
  /** Channels with a send to this phone in flight in a live process (this one or another). */
  sendingChannels(subject: CooldownSubject): SmsChannel[]
  /** SQLite's `data_version`: moves when another connection (another process) commits a change. */
  dataVersion(): number
  close(): void
}
