import { COOLDOWN_MS } from '../shared/contract/cooldown'
import type { SendResult } from '../shared/contract/send'
import type { CooldownHistory, CooldownKey } from '../cooldown'
import type { AsyncHistoryStore, KeyState } from '../history/async-history'
import type { CooldownSubject, HistoryStore, NewHistoryEntry } from '../history/types'

export interface SendBegin {
  key: CooldownKey
  /** Runs atomically with the write, with the key's state read there; throwing from it records nothing. */
  guard: (state: KeyState) => void
  timeoutMs: number
}

/** The history one send is recorded in, chosen once for the whole send: this computer's or the team's. */
export interface SendHistory {
  /** The key's state now, for refusing early (the guard checks again when the entry is written). */
  keyState(key: CooldownKey): Promise<KeyState>
  begin(entry: NewHistoryEntry, begin: SendBegin): Promise<number>
  /** Records the answer; throws, saying what became of the answer, when the history could not take it. */
  complete(id: number, result: SendResult): Promise<void>
}

export function keyStateIn(history: CooldownHistory, key: CooldownKey, now: number): KeyState {
  const { channel, ...subject } = key
  return {
    now,
    sending: history.sendingChannels(subject).includes(channel),
    cooldown: history.cooldownEvents(subject, now - COOLDOWN_MS).find((event) => event.channel === channel) ?? null,
  }
}

/** The local history; `cooldown` is its view that also counts this process's unrecorded sends. */
export function localSendHistory(store: HistoryStore, cooldown: CooldownHistory, clock: () => number): SendHistory {
  return {
    keyState: async (key) => keyStateIn(cooldown, key, clock()),
    // The guard reads the key inside the write lock, so another process on this folder cannot slip in.
    begin: async (entry, { key, guard }) => store.begin(entry, () => guard(keyStateIn(cooldown, key, clock()))),
    complete: async (id, result) => store.complete(id, result),
  }
}

/**
 * What an async store knows of a phone's cooldown now, read once so the synchronous report can use it.
 * Its events are those of the last COOLDOWN_MS, the only window the report and the send flow ask for.
 */
export async function cooldownSnapshot(
  store: Pick<AsyncHistoryStore, 'cooldownEvents' | 'sendingChannels'>,
  subject: CooldownSubject,
  now: number,
): Promise<CooldownHistory> {
  const [events, sending] = await Promise.all([
    store.cooldownEvents(subject, now - COOLDOWN_MS),
    store.sendingChannels(subject),
  ])
  return { cooldownEvents: () => events, sendingChannels: () => sending }
}
