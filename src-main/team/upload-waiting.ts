import type { HistoryStore } from '../history/types'
import { localSourceKey } from './import-key'
import type { TeamHistoryStore } from './team-history-store'
import type { UploadQueue } from './upload-queue'

export interface UploadTarget {
  /** The team database the store is connected to, as `describeConnection` shows it. */
  connection: string
  queue: UploadQueue
  local: Pick<HistoryStore, 'get'>
}

/**
 * Completes the team entries whose answers wait on this computer, oldest first; returns how many
 * arrived. Safe to repeat: completing an entry again changes nothing, and the entry takes the time and
 * the import key of its local copy, so a later `team import` finds it there instead of adding it twice. Stops at
 * the first failure, leaving the rest waiting.
 */
export async function uploadWaiting(store: TeamHistoryStore, target: UploadTarget): Promise<number> {
  let uploaded = 0
  for (const upload of target.queue.list()) {
    if (upload.connection !== target.connection) continue
    await store.complete(upload.teamId, upload.result)
    const local = findLocal(target.local, upload.localId)
    if (local?.completedAt) {
      await store.markUploaded(upload.teamId, { sourceKey: localSourceKey(local), completedAt: local.completedAt })
    }
    target.queue.remove(upload)
    uploaded++
  }
  return uploaded
}

/** The local copy, unless retention or "clear all" removed it meanwhile. */
function findLocal(local: Pick<HistoryStore, 'get'>, id: number) {
  try {
    return local.get(id, true)
  } catch {
    return null
  }
}
