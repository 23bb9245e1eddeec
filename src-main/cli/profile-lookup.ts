import type { ProfileList, ProfileView } from '../shared/contract'
import type { Dispatch } from '../dispatch/dispatcher'
import { nameKey } from '../profiles/profile-names'
import { CliError } from './cli-error'
import { call } from './cli-services'

/** A stored profile by id or by name (any case), or the active one when none is named. */
export async function resolveProfile(dispatch: Dispatch, nameOrId: string | undefined): Promise<ProfileView> {
  const list = await call(dispatch, 'profiles.list', {})
  const wanted = nameOrId ?? list.activeId
  const profile = findProfile(list, wanted)
  if (!profile)
    throw CliError.usage(`--profile: no stored profile has the id or name "${wanted}" (see "profiles list").`)
  return profile
}

export function findProfile(list: ProfileList, nameOrId: string): ProfileView | undefined {
  return (
    list.profiles.find((profile) => profile.id === nameOrId) ??
    list.profiles.find((profile) => nameKey(profile.name) === nameKey(nameOrId))
  )
}
