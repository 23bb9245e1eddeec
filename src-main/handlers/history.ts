import { ConsoleError } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { EventBus } from '../events'
import type { HistoryStore } from '../history'
import { reproduce } from '../reproduce'

/** What the history calls need: the history and where to announce that it was cleared. */
export interface HistoryDeps {
  history: Pick<HistoryStore, 'query' | 'get' | 'export' | 'clear'>
  events: Pick<EventBus, 'emit'>
}

type HistoryCalls = 'history.query' | 'history.get' | 'history.export' | 'history.clear' | 'request.reproduce'

export function historyHandlers({ history, events }: HistoryDeps): Pick<Handlers, HistoryCalls> {
  return {
    'history.query': ({ filter, cursor, limit }) => history.query({ filter, cursor, limit }),
    'history.get': ({ id, revealPhone }) => history.get(id, revealPhone),
    'history.export': ({ filter, format, revealPhones }) => history.export(filter, format, revealPhones),
    'history.clear': () => {
      const deleted = history.clear()
      events.emit('history.changed')
      return { deleted }
    },
    'request.reproduce': ({ entryId }) => {
      // The whole number: a replay to a masked one would not be the same request.
      const { request } = history.get(entryId, true)
      if (!request) throw new ConsoleError('not-found', `History entry ${entryId} has no recorded request.`)
      return reproduce(request)
    },
  }
}
