import type { KeychainStatus } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import type { EventBus } from '../events'
import { registerSecret } from '../logging'
import type { ProfileService } from '../profiles/profile-service'

/** What the profile calls need: the profiles, the keychain's state and where to announce a change. */
export interface ProfilesDeps {
  profiles: Pick<
    ProfileService,
    'list' | 'create' | 'update' | 'duplicate' | 'delete' | 'setActive' | 'setSecret' | 'exportJson' | 'importJson'
  >
  keychainStatus(): Promise<KeychainStatus>
  events: Pick<EventBus, 'emit'>
}

type ProfileCalls =
  | 'profiles.list'
  | 'profiles.create'
  | 'profiles.update'
  | 'profiles.duplicate'
  | 'profiles.delete'
  | 'profiles.setActive'
  | 'profiles.setSecret'
  | 'profiles.export'
  | 'profiles.import'
  | 'keychain.status'

export function profileHandlers({ profiles, keychainStatus, events }: ProfilesDeps): Pick<Handlers, ProfileCalls> {
  const profilesChanged = <T>(value: T): T => {
    events.emit('profiles.changed')
    return value
  }
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': async ({ fields }) => profilesChanged(await profiles.create(fields)),
    'profiles.update': async ({ id, fields }) => profilesChanged(await profiles.update(id, fields)),
    'profiles.duplicate': async ({ id }) => profilesChanged(await profiles.duplicate(id)),
    'profiles.delete': async ({ id }) => {
      await profiles.delete(id)
      return profilesChanged({})
    },
    'profiles.setActive': async ({ id }) => profilesChanged(await profiles.setActive(id)),
    'profiles.setSecret': async ({ id, kind, value }) => {
      const view = await profiles.setSecret(id, kind, value)
      // Only a value the keychain accepted for a real profile is a secret worth redacting from logs.
      if (value) registerSecret(value)
      return profilesChanged(view)
    },
    'profiles.export': () => ({ json: profiles.exportJson() }),
    'profiles.import': async ({ json }) => profilesChanged({ imported: await profiles.importJson(json) }),
    'keychain.status': () => keychainStatus(),
  }
}
