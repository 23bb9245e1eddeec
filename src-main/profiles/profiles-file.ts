import { z } from 'zod'
import { lazySchema, ProfileFields } from '../shared/contract'
import { readJsonFile, setAsideCorruptFile, writeJsonFileAtomic } from '../files/json-file'
import { EMBEDDED_EMULATOR_HOST, LOCAL_SANDBOX_FIELDS, LOCAL_SANDBOX_ID } from './local-sandbox'

export const PROFILES_FILE = 'profiles.json'

/**
 * A profile as kept in profiles.json: its fields, and whether each secret is in the keychain, so that
 * listing profiles never needs the keychain. The App ID is kept here, not in the keychain: it is not a
 * secret (every request carries it in a header, and history records it).
 */
export const StoredProfile = lazySchema(() =>
  z.object({
    ...ProfileFields.unwrap().shape,
    // Names saved before today's rules stay readable; a rename or a new profile meets the rules.
    name: z.string().trim().min(1).max(200),
    id: z.string().min(1).max(200),
    hasAppSecret: z.boolean().default(false),
    hasAccessToken: z.boolean().default(false),
  }),
)
export type StoredProfile = z.output<typeof StoredProfile>

export type ProfilesData = { activeId: string; profiles: StoredProfile[] }

export type ProfilesRead = { data: ProfilesData; problem?: string }

/** Reads profiles.json; what cannot be used is dropped and described in `problem`. */
export function readProfilesFile(path: string): ProfilesRead {
  const read = readJsonFile(path)
  if (read.kind === 'missing') return { data: withBuiltIn({ activeId: LOCAL_SANDBOX_ID, profiles: [] }) }
  if (read.kind === 'unreadable') return unusable(read.reason)
  const file = read.data as { activeId?: unknown; profiles?: unknown } | null
  if (typeof file !== 'object' || file === null || !Array.isArray(file.profiles)) {
    return unusable('no list of profiles in it')
  }

  // Profile by profile: one damaged entry costs that profile only.
  const profiles: StoredProfile[] = []
  let dropped = 0
  for (const entry of file.profiles as unknown[]) {
    const parsed = StoredProfile.safeParse(entry)
    if (parsed.success && !profiles.some((profile) => profile.id === parsed.data.id)) profiles.push(parsed.data)
    else dropped++
  }
  const activeId = typeof file.activeId === 'string' ? file.activeId : LOCAL_SANDBOX_ID
  const data = withBuiltIn({ activeId, profiles })
  return dropped === 0 ? { data } : { data, problem: `${dropped} damaged profile(s) left out` }
}

export function writeProfilesFile(path: string, data: ProfilesData): void {
  writeJsonFileAtomic(path, { version: 1, activeId: data.activeId, profiles: data.profiles })
}

/** Moves an unusable profiles.json aside and writes what could be recovered in its place. */
export function recoverProfilesFile(path: string, recovered: ProfilesData, now: number): string {
  const aside = setAsideCorruptFile(path, now)
  writeProfilesFile(path, recovered)
  return aside
}

function unusable(reason: string): ProfilesRead {
  return { data: withBuiltIn({ activeId: LOCAL_SANDBOX_ID, profiles: [] }), problem: reason }
}

/** The built-in profile always exists, first, with its fixed host and environment; the active id is real. */
function withBuiltIn(data: ProfilesData): ProfilesData {
  const stored = data.profiles.find((profile) => profile.id === LOCAL_SANDBOX_ID)
  const builtIn: StoredProfile = {
    ...(stored ?? { ...LOCAL_SANDBOX_FIELDS, id: LOCAL_SANDBOX_ID, hasAppSecret: false, hasAccessToken: false }),
    environment: 'sandbox',
    appHost: EMBEDDED_EMULATOR_HOST,
  }
  const profiles = [builtIn, ...data.profiles.filter((profile) => profile.id !== LOCAL_SANDBOX_ID)]
  const activeId = profiles.some((profile) => profile.id === data.activeId) ? data.activeId : LOCAL_SANDBOX_ID
  return { activeId, profiles }
}
