import { createHash } from 'node:crypto'
import type { HistoryEntry } from '../shared/contract/history'

/**
 * What names an uploaded local entry in the team history: a hash of what makes the send unique (when,
 * from which profile and app, by whom, to which phone and channel). Not the local id: a data folder that
 * is recreated or copied numbers its entries again, and the same send must still be found.
 */
export function localSourceKey(entry: HistoryEntry): string {
  const identity = [
    entry.createdAt,
    entry.profileId,
    entry.appId,
    entry.operator,
    entry.channel,
    entry.phoneCountryCode,
    entry.phoneNumber,
  ]
  return `local:${createHash('sha256').update(JSON.stringify(identity), 'utf8').digest('base64url')}`
}
