import type { SecretStore } from './secret-store'

/**
 * Moves every entry of one store into another. The two backends do not read each other's entries, so
 * switching the backend in Settings would otherwise hide every stored secret. Each entry is removed from
 * the old store only after it is written to the new one. Returns the number of entries moved.
 */
export async function moveSecrets(from: SecretStore, to: SecretStore): Promise<number> {
  let moved = 0
  for (const account of await from.listAccounts()) {
    const value = await from.get(account)
    if (value === null) continue
    await to.set(account, value)
    await from.delete(account)
    moved++
  }
  return moved
}
