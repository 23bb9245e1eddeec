import { SMS_CHANNELS, type SmsChannel } from '../contract/channels'
import { cooldownCountryCode } from '../phone/country-code'
import { channelOf, SENDING, SUCCESS } from './codes'
import { INTERRUPTED_AFTER_MS, ownerAlive, type Owner } from './owner'
import type { Params, Statements } from './statements'
import type { CooldownEvent, CooldownSubject } from './types'

/** The throttle answer that starts a fresh cooldown, whatever the result kind carrying it. */
const THROTTLED = 429

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

/** For each channel, the latest successful send or throttle answer completed after `since`. */
export function cooldownEvents(statements: Statements, subject: CooldownSubject, since: number): CooldownEvent[] {
  const recent = recentOfPhone(statements, subject)
  const rows = statements.all<{ channel: number; at: number; statusCode: number | null }>(
    `SELECT k.channel AS channel, h.completed_at AS at, k.status_code AS statusCode ${recent.sql}
       AND h.completed_at > :since AND (k.outcome = ${SUCCESS} OR k.status_code = ${THROTTLED})`,
    // A send completed after `since` started at most INTERRUPTED_AFTER_MS before it.
    { ...recent.params, since, earliestStart: since - INTERRUPTED_AFTER_MS },
  )
  const latest = new Map<SmsChannel, CooldownEvent>()
  for (const row of rows) {
    const channel = channelOf(row.channel)
    const previous = latest.get(channel)
    if (previous && previous.at >= row.at) continue
    latest.set(channel, { channel, at: row.at, reason: row.statusCode === THROTTLED ? 'throttled' : 'sent' })
  }
  return SMS_CHANNELS.flatMap((channel) => latest.get(channel) ?? [])
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
