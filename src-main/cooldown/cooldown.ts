import { SMS_CHANNELS } from '../shared/contract/channels'
import { COOLDOWN_MS, type ChannelCooldown, type CooldownReport } from '../shared/contract/cooldown'
import type { CooldownEvent, CooldownSubject, HistoryStore } from '../history/types'
import type { CooldownKey } from './cooldown-key'
import type { InFlightLock } from './in-flight'

/** The part of the history the cooldown is derived from; being derived, it survives a restart. */
export type CooldownHistory = Pick<HistoryStore, 'cooldownEvents' | 'sendingChannels'>

/**
 * The state of every channel for one phone at `now`. A channel cools for COOLDOWN_MS from the answer
 * (completedAt) of its latest send that may have reached GenAuth or throttle answer, so the app never
 * calls a channel free before GenAuth would; it is `sending` while a send is in flight here or in
 * another live process.
 */
export function cooldownReport(
  history: CooldownHistory,
  subject: CooldownSubject,
  now: number,
  inFlight: InFlightLock,
): CooldownReport {
  const events = new Map(history.cooldownEvents(subject, now - COOLDOWN_MS).map((event) => [event.channel, event]))
  const sending = new Set(history.sendingChannels(subject))
  const channels = SMS_CHANNELS.map((channel): ChannelCooldown => {
    if (sending.has(channel) || inFlight.isHeld({ ...subject, channel })) {
      return { channel, state: 'sending', until: null, reason: null, outcome: null }
    }
    const event = events.get(channel)
    if (event && event.at + COOLDOWN_MS > now) {
      return { channel, state: 'cooling', until: event.at + COOLDOWN_MS, reason: event.reason, outcome: event.outcome }
    }
    return { channel, state: 'free', until: null, reason: null, outcome: null }
  })
  return { now, channels }
}

/**
 * The report for a phone that never cools down (the sandbox emulator's reserved numbers): the
 * emulator never throttles them and they reach no one, so only sends in flight still count.
 */
export function withoutCooling(report: CooldownReport): CooldownReport {
  return {
    ...report,
    channels: report.channels.map((state) =>
      state.state === 'cooling'
        ? { channel: state.channel, state: 'free', until: null, reason: null, outcome: null }
        : state,
    ),
  }
}

/** The state of one channel for one phone at `now`. */
export function checkCooldown(
  history: CooldownHistory,
  key: CooldownKey,
  now: number,
  inFlight: InFlightLock,
): ChannelCooldown {
  const { channel, ...subject } = key
  return cooldownReport(history, subject, now, inFlight).channels.find((state) => state.channel === channel)!
}

/** A channel's cooldown as the send flow sees it: how long, and what started it. */
export interface ActiveCooldown {
  secondsLeft: number
  reason: CooldownEvent['reason']
  outcome: CooldownEvent['outcome']
}

/**
 * The cooldown on one channel at `now`, null when it may be sent to. Sends in flight are not counted
 * here: the send flow holds the in-flight lock itself.
 */
export function activeCooldown(
  history: Pick<HistoryStore, 'cooldownEvents'>,
  key: CooldownKey,
  now: number,
): ActiveCooldown | null {
  const { channel, ...subject } = key
  const event = history.cooldownEvents(subject, now - COOLDOWN_MS).find((candidate) => candidate.channel === channel)
  return activeCooldownOf(event ?? null, now)
}

/** The cooldown a channel's latest event leaves at `now`, null when it has run out. */
export function activeCooldownOf(event: CooldownEvent | null, now: number): ActiveCooldown | null {
  const secondsLeft = event ? Math.ceil((event.at + COOLDOWN_MS - now) / 1000) : 0
  return event && secondsLeft > 0 ? { secondsLeft, reason: event.reason, outcome: event.outcome } : null
}
