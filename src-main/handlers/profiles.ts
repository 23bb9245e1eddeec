import type { KeychainStatus } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'
import { registerSecret } from '../logging'
import type { ProfileService } from '../profiles/profile-service'

/** What the profile calls need: the profiles and the keychain's state. The profiles announce their own changes. */
export interface ProfilesDeps {
  profiles: Pick<
    ProfileService,
    'list' | 'create' | 'update' | 'duplicate' | 'delete' | 'setActive' | 'setSecret' | 'exportJson' | 'importJson'
  >
  keychainStatus(): Promise<KeychainStatus>
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

export function profileHandlers({ profiles, keychainStatus }: ProfilesDeps): Pick<Handlers, ProfileCalls> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': ({ fields }) => profiles.create(fields),
    'profiles.update': ({ id, fields }) => profiles.update(id, fields),
    'profiles.duplicate': ({ id }) => profiles.duplicate(id),
    'profiles.delete': ({ id }) => profiles.delete(id),
    'profiles.setActive': ({ id }) => profiles.setActive(id),
    'profiles.setSecret': async ({ id, kind, value }) => {
      const view = await profiles.setSecret(id, kind, value)
      // Only a value the keychain accepted for a real profile is a secret worth redacting from logs.
      if (value) registerSecret(value)
      return view
    },
    'profiles.export': () => ({ json: profiles.exportJson() }),
    'profiles.import': ({ json }) => ({ imported: profiles.importJson(json) }),
    'keychain.status': () => keychainStatus(),
  }
}
