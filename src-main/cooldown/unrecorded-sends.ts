import type { SmsChannel } from '../shared/contract/channels'
import type { SendResult } from '../shared/contract/send'
import { INTERRUPTED_AFTER_MS } from '../history/owner'
import type { CooldownEvent, CooldownSubject } from '../history/types'
import type { CooldownHistory } from './cooldown'
import { keyText, type CooldownKey } from './cooldown-key'
import { cooldownReasonOf } from './send-reach'

/** A send whose answer was not recorded; `event` is the cooldown its answer starts, if any. */
interface UnrecordedSend {
  channel: CooldownKey['channel']
  at: number
  event: CooldownEvent | null
}

/**
 * Sends of this process whose answer the history could not record (a full disk): GenAuth may have
 * texted the user, yet the history holds no cooldown for them, and their entry stays `sending` under
 * this live process. Kept in memory as long as such an entry counts as in flight, they cool their
 * channel as the recorded answer would have, and stand for their entry; one per key, so the map stays
 * as small as the number of sends made within those minutes.
 */
export class UnrecordedSends {
  private readonly sends = new Map<string, UnrecordedSend>()

  constructor(private readonly clock: () => number) {}

  /** Remembers a send whose result the history could not record. */
  note(key: CooldownKey, result: SendResult): void {
    const now = this.clock()
    for (const [text, send] of this.sends) if (send.at + INTERRUPTED_AFTER_MS <= now) this.sends.delete(text)
    const reason = cooldownReasonOf({ ...result, outcome: result.kind, transportError: result.errorCode })
    const event = reason && { channel: key.channel, at: now, reason, outcome: result.kind }
    this.sends.set(keyText(key), { channel: key.channel, at: now, event })
  }

  /** The history's cooldown events and in-flight sends, with this process's unrecorded sends taken in. */
  over(history: CooldownHistory): CooldownHistory {
    return {
      cooldownEvents: (subject, since) => {
        const noted = new Map(this.sendsOf(subject).map((send) => [send.channel, send.event]))
        const events = new Map<SmsChannel, CooldownEvent>()
        for (const event of history.cooldownEvents(subject, since)) {
          // An unrecorded send's own entry, left `sending` under this process, is told by the note instead.
          if (!(noted.has(event.channel) && event.outcome === 'sending')) events.set(event.channel, event)
        }
        for (const event of noted.values()) {
          const recorded = event && events.get(event.channel)
          if (event && event.at > since && (!recorded || recorded.at < event.at)) events.set(event.channel, event)
        }
        return [...events.values()]
      },
      // The entry of an unrecorded send is not in flight, whatever the history says: the note stands for it.
      sendingChannels: (subject) => {
        const unrecorded = new Set(this.sendsOf(subject).map((send) => send.channel))
        return history.sendingChannels(subject).filter((channel) => !unrecorded.has(channel))
      },
    }
  }

  private sendsOf(subject: CooldownSubject): UnrecordedSend[] {
    const now = this.clock()
    return [...this.sends.entries()]
      .filter(
        ([text, send]) =>
          send.at + INTERRUPTED_AFTER_MS > now && text === keyText({ ...subject, channel: send.channel }),
      )
      .map(([, send]) => send)
  }
}
