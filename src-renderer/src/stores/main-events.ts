import { onEvent } from '../api/client'
import { useCooldownStore } from './cooldown'
import { useHistoryStore } from './history'
import { useProfilesStore } from './profiles'
import { useSettingsStore } from './settings'
import { useTeamStore } from './team'

/**
 * Keeps the stores in step with main: another window, the CLI or a finished send changes what they show.
 * Returns the unsubscribe function.
 */
export function followMainEvents(): () => void {
  const history = useHistoryStore()
  const cooldown = useCooldownStore()
  const profiles = useProfilesStore()
  const settings = useSettingsStore()
  const team = useTeamStore()
  // A failed background refresh leaves the last state on screen; the user's next action reports errors.
  const quietly = (work: Promise<void>) => void work.catch(() => undefined)
  return onEvent((name) => {
    if (name === 'history.changed') {
      quietly(history.refreshHead())
      quietly(cooldown.refresh())
    } else if (name === 'profiles.changed') {
      quietly(profiles.load())
    } else if (name === 'team.changed') {
      quietly(team.load())
    } else {
      quietly(settings.load())
    }
  })
}
