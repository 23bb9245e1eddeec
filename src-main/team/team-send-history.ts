import type { SendResult } from '../shared/contract/send'
import type { HistoryNotice, NewHistoryEntry } from '../history/types'
import { cooldownSnapshot, keyStateIn, type SendHistory } from './send-history'
import type { TeamHistoryStore } from './team-history-store'

export interface TeamSendOptions {
  clock: () => number
  /** Keeps an answer the team database could not take, to upload it later. */
  keepForUpload(teamId: number, entry: NewHistoryEntry, result: SendResult): void
  /** Hears the send's entry written and completed: the team store, unlike the local one, announces nothing. */
  onChange(notice: HistoryNotice): void
}

/**
 * One send recorded in the team database. Its check and "sending" entry are one transaction there;
 * once the request went out, an answer the database cannot take is kept on this computer instead of
 * being lost, and the error says so.
 */
export function teamSendHistory(store: TeamHistoryStore, options: TeamSendOptions): SendHistory {
  const begun = new Map<number, NewHistoryEntry>()
  return {
    keyState: async (key) => {
      const { channel: _channel, ...subject } = key
      const now = options.clock()
      return keyStateIn(await cooldownSnapshot(store, subject, now), key, now)
    },
    begin: async (entry, { guard, timeoutMs }) => {
      const id = await store.begin(entry, { guard, timeoutMs })
      begun.set(id, entry)
      options.onChange({ change: 'recorded', entryId: id })
      return id
    },
    complete: async (id, result) => {
      const entry = begun.get(id)
      begun.delete(id)
      try {
        await store.complete(id, result)
        options.onChange({ change: 'completed', entryId: id })
      } catch (error) {
        if (!entry) throw error
        options.keepForUpload(id, entry, result)
        throw new Error(
          `The team database did not take the result (${(error as Error).message}); it is kept on this computer and uploaded when the database is back.`,
          { cause: error },
        )
      }
    },
  }
}
