import { ConsoleError } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { HistoryStore } from '../history'
import { reproduce } from '../reproduce'

/** What the history calls need: the history, which announces its own changes. */
export interface HistoryDeps {
  history: Pick<HistoryStore, 'query' | 'get' | 'export' | 'clear'>
}

type HistoryCalls = 'history.query' | 'history.get' | 'history.export' | 'history.clear' | 'request.reproduce'

export function historyHandlers({ history }: HistoryDeps): Pick<Handlers, HistoryCalls> {
  return {
    'history.query': ({ filter, cursor, limit }) => history.query({ filter, cursor, limit }),
    'history.get': ({ id, revealPhone }) => history.get(id, revealPhone),
    'history.export': ({ filter, format, revealPhones }) => history.export(filter, format, revealPhones),
    'history.clear': () => ({ deleted: history.clear() }),
    'request.reproduce': ({ entryId }) => {
      // The whole number: a replay to a masked one would not be the same request.
      const { request } = history.get(entryId, true)
      if (!request) throw new ConsoleError('not-found', `History entry ${entryId} has no recorded request.`)
      return reproduce(request)
    },
  }
}
