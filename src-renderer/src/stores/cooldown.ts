import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ChannelCooldown, CooldownReport, EventOf, SmsChannel } from '@shared/contract'
import { call } from '../api/client'
import { StoreId } from './store-id'

const OWN_ENTRIES_KEPT = 20

/** Whose cooldown is shown: the phone in the form, on the active profile. */
export type CooldownSubject = { profileId: string; phoneNumber: string; phoneCountryCode: string }

export type ChannelState = {
  channel: SmsChannel
  state: ChannelCooldown['state']
  /** Whole seconds until the channel is free; 0 unless cooling. */
  secondsLeft: number
  reason: ChannelCooldown['reason']
  /** How the send that started the cooldown ended: the reason behind a `maybe-sent`. */
  outcome: ChannelCooldown['outcome']
}

/**
 * Per-channel cooldown for one phone. Main answers with `until` in its own clock and its `now`; the
 * countdown runs on the local clock corrected by that offset, ticking once a second while any channel
 * is cooling.
 */
export const useCooldownStore = defineStore(StoreId.Cooldown, () => {
  const subject = shallowRef<CooldownSubject | null>(null)
  const report = shallowRef<CooldownReport | null>(null)
  /** Main's clock minus the local clock, measured when the report arrived. */
  const offsetMs = ref(0)
  const localNow = ref(Date.now())
  let ticker: ReturnType<typeof setInterval> | null = null
  let asked = 0
  /** This window's sends still waiting for their answer, and the history entries of those answered. */
  let sendsInFlight = 0
  const ownEntries = new Set<number>()

  function toState(entry: ChannelCooldown): ChannelState {
    if (entry.state !== 'cooling' || entry.until === null) {
      return {
        channel: entry.channel,
        state: entry.state,
        secondsLeft: 0,
        reason: entry.reason,
        outcome: entry.outcome,
      }
    }
    const secondsLeft = Math.ceil((entry.until - (localNow.value + offsetMs.value)) / 1000)
    return secondsLeft > 0
      ? { channel: entry.channel, state: 'cooling', secondsLeft, reason: entry.reason, outcome: entry.outcome }
      : { channel: entry.channel, state: 'free', secondsLeft: 0, reason: null, outcome: null }
  }

  const channels = computed(() => report.value?.channels.map(toState) ?? [])

  function stateOf(channel: SmsChannel): ChannelState {
    return (
      channels.value.find((entry) => entry.channel === channel) ?? {
        channel,
        state: 'free',
        secondsLeft: 0,
        reason: null,
        outcome: null,
      }
    )
  }

  function syncTicker(): void {
    const cooling = channels.value.some((entry) => entry.state === 'cooling')
    if (cooling && !ticker) {
      ticker = setInterval(() => {
        localNow.value = Date.now()
        syncTicker()
      }, 1000)
    } else if (!cooling && ticker) {
      clearInterval(ticker)
      ticker = null
    }
  }

  /** Asks main again for the current subject, or for a new one; `null` clears the indicator. */
  async function refresh(next?: CooldownSubject | null): Promise<void> {
    if (next !== undefined) subject.value = next
    const current = subject.value
    const request = ++asked
    if (!current || !current.phoneNumber) {
      report.value = null
      syncTicker()
      return
    }
    const answer = await call('cooldown.forPhone', current)
    // A slower answer for an earlier phone must not replace the one for the phone now in the form.
    if (request !== asked) return
    localNow.value = Date.now()
    offsetMs.value = answer.now - localNow.value
    report.value = answer
    syncTicker()
  }

  /**
   * Makes one send of this window and then refreshes once: the history events the send causes are
   * covered by that refresh. A refresh that fails leaves the indicator as it was; the send's own outcome
   * is what matters here.
   */
  async function followSend<T extends { entryId: number }>(send: () => Promise<T>): Promise<T> {
    sendsInFlight++
    try {
      const outcome = await send()
      ownEntries.add(outcome.entryId)
      // Only the latest few can still have an event on its way.
      if (ownEntries.size > OWN_ENTRIES_KEPT) ownEntries.delete(ownEntries.values().next().value as number)
      return outcome
    } finally {
      sendsInFlight--
      await refresh().catch(() => undefined)
    }
  }

  /**
   * After a history change made elsewhere (another window, the CLI, retention). A change this window's
   * own send made is left to `followSend`, even when its event arrives after the answer.
   */
  function followHistory(event: EventOf<'history.changed'>): void {
    if (sendsInFlight > 0 || (event.entryId !== null && ownEntries.has(event.entryId))) return
    void refresh().catch(() => undefined)
  }

  return { subject, report, channels, stateOf, refresh, followSend, followHistory }
})
