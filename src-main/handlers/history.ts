import { ConsoleError } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { HistoryStore } from '../history'
import type { AsyncHistoryStore } from '../history/async-history'
import { reproduce } from '../reproduce'
import type { TeamBackend } from '../team/team-backend'

/**
 * What the history calls need: this computer's history (which announces its own changes), and the team
 * backend that chooses which history is read, the team database's when one is in use.
 */
export interface HistoryDeps {
  history: Pick<HistoryStore, 'clear'>
  team: Pick<TeamBackend, 'history' | 'refuseClearOfTeam'>
}

type HistoryCalls = 'history.query' | 'history.get' | 'history.export' | 'history.clear' | 'request.reproduce'

export function historyHandlers({ history, team }: HistoryDeps): Pick<Handlers, HistoryCalls> {
  // Chosen again on every call, so a change of the team setting takes effect without a restart.
  const chosen = (): Promise<AsyncHistoryStore> => team.history()
  return {
    'history.query': async ({ filter, cursor, limit }) => (await chosen()).query({ filter, cursor, limit }),
    'history.get': async ({ id, revealPhone }) => (await chosen()).get(id, revealPhone),
    'history.export': async ({ filter, format, revealPhones }) => (await chosen()).export(filter, format, revealPhones),
    'history.clear': async () => {
      await team.refuseClearOfTeam()
      return { deleted: history.clear() }
    },
    'request.reproduce': async ({ entryId }) => {
      // The whole number: a replay to a masked one would not be the same request.
      const { request } = await (await chosen()).get(entryId, true)
      if (!request) {
        throw new ConsoleError('not-found', `History entry ${entryId} has no recorded request.`, {
          key: 'historyRequestNotRecorded',
          params: { id: entryId },
        })
      }
      return reproduce(request)
    },
  }
}
