import type { Handlers } from '../dispatch/dispatcher'
import type { EventBus } from '../events'
import type { TeamBackend } from '../team/team-backend'

/** What the team calls need: the team backend, and the bus that tells the windows the team state changed. */
export interface TeamDeps {
  team: Pick<TeamBackend, 'status' | 'test' | 'setPassword'>
  events: Pick<EventBus, 'emit'>
}

type TeamCalls = 'team.status' | 'team.test' | 'team.setPassword'

export function teamHandlers({ team, events }: TeamDeps): Pick<Handlers, TeamCalls> {
  return {
    'team.status': () => team.status(),
    'team.test': ({ config, password }) => team.test(config, password),
    'team.setPassword': async ({ value }) => {
      const status = await team.setPassword(value)
      // A new password may open another database: the windows reload the team state and the history.
      announceTeamChange(events)
      return status
    },
  }
}

/** The team database in use (or its password) changed: the history now read may be another one. */
export function announceTeamChange(events: Pick<EventBus, 'emit'>): void {
  events.emit({ name: 'team.changed' })
  events.emit({ name: 'history.changed', change: 'elsewhere', entryId: null })
}
