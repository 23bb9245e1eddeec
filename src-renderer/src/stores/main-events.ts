import { onEvent } from '../api/client'
import { useAppStore } from './app'
import { useCooldownStore } from './cooldown'
import { useHistoryStore } from './history'
import { useProfilesStore } from './profiles'
import { useSettingsStore } from './settings'
import { useTeamStore } from './team'

/**
 * Keeps the stores in step with main: another window, the CLI beside the app, retention or a send
 * changes what they show. Profiles, settings and warnings events carry the new state, applied without a call; a
 * history change refreshes the list once it has been opened, and the cooldown unless this window's own
 * send caused it; a team change reloads the team state. Returns the unsubscribe function.
 */
export function followMainEvents(): () => void {
  const history = useHistoryStore()
  const cooldown = useCooldownStore()
  const profiles = useProfilesStore()
  const settings = useSettingsStore()
  const team = useTeamStore()
  const app = useAppStore()
  return onEvent((event) => {
    if (event.name === 'history.changed') {
      // A failed background refresh leaves the last state on screen; the user's next action reports errors.
      void history.refreshHead().catch(() => undefined)
      cooldown.followHistory(event)
    } else if (event.name === 'profiles.changed') {
      profiles.apply(event.list)
    } else if (event.name === 'settings.changed') {
      settings.apply(event.settings)
    } else if (event.name === 'warnings.changed') {
      app.applyWarnings(event.warnings)
    } else {
      // The team state is not in the event: finding it out means reaching the database.
      void team.load().catch(() => undefined)
    }
  })
}
