import { z } from 'zod'
import type { SecretKind } from '../shared/contract'
import { lazySchema } from '../shared/contract/lazy-schema'

/** One keychain account per profile, holding both of its secrets. */
export function profileAccount(profileId: string): string {
  return `profile:${profileId}`
}

const StoredSecrets = lazySchema(() =>
  z.object({
    appSecret: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
  }),
)
export type ProfileSecrets = Partial<Record<SecretKind, string>>

/**
 * The profile's secrets from its keychain value. A value that is not ours (edited by another tool)
 * counts as empty: the next secret the user sets replaces it.
 */
export function parseProfileSecrets(value: string | null): ProfileSecrets {
  if (value === null) return {}
  try {
    const parsed = StoredSecrets.safeParse(JSON.parse(value))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

export function serializeProfileSecrets(secrets: ProfileSecrets): string | null {
  const present = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined))
  return Object.keys(present).length > 0 ? JSON.stringify(present) : null
}
