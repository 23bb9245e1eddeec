import { SMS_CHANNELS, type SmsChannel } from '../shared/contract/channels'
import { cooldownCountryCode } from '../shared/phone/country-code'
import type { Outcome } from '../shared/contract/history'
import { cooldownReasonOf } from '../cooldown/send-reach'
import { channelOf, outcomeCode, outcomeOf, SENDING } from './codes'
import { decodeDetailText, parseDetail } from './detail-codec'
import { INTERRUPTED_AFTER_MS, ownerAlive, type Owner } from './owner'
import type { Params, Statements } from './statements'
import type { CooldownEvent, CooldownSubject } from './types'

/** The throttle answer: it starts a fresh cooldown whatever the outcome carrying it. */
const THROTTLED = 429
const BUSINESS_FAILURE = outcomeCode('business-failure')
const NETWORK_FAILURE = outcomeCode('network-failure')

/**
 * The recent entries of one phone within one app, through the phone index: a handful of rows. A phone
 * is known by its digits, so `138 1234 5678` and `13812345678` are one number, as they are to GenAuth;
 * a number without any digit is matched as written. Its country code is the one GenAuth reads: rows
 * stored without one (`''`) or spelled otherwise (`+086`) count as the code they stand for.
 */
function recentOfPhone(statements: Statements, subject: CooldownSubject): { sql: string; params: Params } {
  const digits = subject.phoneNumber.replace(/\D/g, '')
  const countryCode = cooldownCountryCode(subject.phoneCountryCode)
  const phones = statements.all<{ id: number; countryCode: string }>(
    `SELECT id, country_code AS countryCode FROM phones WHERE ${digits ? 'digits = :digits' : 'number = :number'}`,
    { digits, number: subject.phoneNumber },
  )
  const phoneIds = phones.filter((phone) => cooldownCountryCode(phone.countryCode) === countryCode).map((p) => p.id)
  return {
    sql: `
  FROM history h INDEXED BY history_phone JOIN classes k ON k.id = h.class_id
  WHERE h.phone_id IN (SELECT value FROM json_each(:phoneIds))
    AND h.context_id IN (SELECT id FROM contexts WHERE app_id = :appId)
    AND h.created_at >= :earliestStart`,
    params: { phoneIds: JSON.stringify(phoneIds), appId: subject.appId },
  }
}

/** What tells whether an entry started a cooldown; `detail` only for a network failure. */
export interface ReasonRow {
  httpStatus: number | null
  statusCode: number | null
  phoneNumber: string
  detail: ArrayBuffer | null
}

/**
 * For each channel, the latest send that may have reached GenAuth, or throttle answer, since `since`:
 * a success or throttle answer counts from when it came back; a send that may have gone out without a
 * readable answer from when it ended, or, cut off by a crash (or still in flight), from when it began.
 */
export function cooldownEvents(
  statements: Statements,
  subject: CooldownSubject,
  since: number,
  self: Owner,
): CooldownEvent[] {
  const recent = recentOfPhone(statements, subject)
  const rows = statements.all<
    ReasonRow & { channel: number; at: number; outcome: number; pid: number | null; startedAt: number | null }
  >(
    `SELECT k.channel AS channel, coalesce(h.completed_at, h.created_at) AS at, k.outcome AS outcome,
       h.owner_pid AS pid, h.owner_started_at AS startedAt,
       k.http_status AS httpStatus, k.status_code AS statusCode,
       (SELECT number FROM phones WHERE id = h.phone_id) AS phoneNumber,
       CASE WHEN k.outcome = ${NETWORK_FAILURE} THEN h.detail END AS detail ${recent.sql}
       AND coalesce(h.completed_at, h.created_at) > :since
       AND (k.outcome <> ${BUSINESS_FAILURE} OR k.status_code = ${THROTTLED})`,
    // A send completed after `since` started at most INTERRUPTED_AFTER_MS before it.
    { ...recent.params, since, earliestStart: since - INTERRUPTED_AFTER_MS },
  )
  return latestPerChannel(
    rows.flatMap((row) => {
      // An entry still `sending` whose process is gone is what the next start marks `unknown`.
      const outcome = row.outcome === SENDING && !ownerAlive(row, self) ? 'unknown' : outcomeOf(row.outcome)
      const reason = eventReason(row, outcome, subject.appId)
      return reason === null ? [] : [{ channel: channelOf(row.channel), at: row.at, reason, outcome }]
    }),
  )
}

/** The latest event of each channel, in the channels' order (the team history reads its rows the same way). */
export function latestPerChannel(events: CooldownEvent[]): CooldownEvent[] {
  const latest = new Map<SmsChannel, CooldownEvent>()
  for (const event of events) {
    const previous = latest.get(event.channel)
    if (!previous || event.at > previous.at) latest.set(event.channel, event)
  }
  return SMS_CHANNELS.flatMap((channel) => latest.get(channel) ?? [])
}

/** What an ended send started on its channel (the team history reads its rows the same way). */
export function eventReason(row: ReasonRow, outcome: Outcome, appId: string): CooldownEvent['reason'] | null {
  // The transport's error code is kept only in the entry's message.
  const transportError = row.detail
    ? parseDetail(decodeDetailText(row.detail, { appId, phoneNumber: row.phoneNumber })).message
    : null
  return cooldownReasonOf({ outcome, httpStatus: row.httpStatus, statusCode: row.statusCode, transportError })
}

/** Channels with a send to the phone in flight in a process that is still alive. */
export function sendingChannels(
  statements: Statements,
  subject: CooldownSubject,
  now: number,
  self: Owner,
): SmsChannel[] {
  const recent = recentOfPhone(statements, subject)
  const rows = statements.all<{ channel: number; pid: number | null; startedAt: number | null }>(
    `SELECT k.channel AS channel, h.owner_pid AS pid, h.owner_started_at AS startedAt ${recent.sql}
       AND k.outcome = ${SENDING}`,
    { ...recent.params, earliestStart: now - INTERRUPTED_AFTER_MS },
  )
  const channels = new Set(rows.filter((row) => ownerAlive(row, self)).map((row) => channelOf(row.channel)))
  return SMS_CHANNELS.filter((channel) => channels.has(channel))
}
