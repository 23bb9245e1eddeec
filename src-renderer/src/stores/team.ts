import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { TeamDatabaseConfig, TeamStatus } from '@shared/contract'
import { call } from '../api/client'
import { StoreId } from './store-id'

/**
 * The team database in use and its live state, as main reports it. The password goes to main's keychain
 * and never comes back: only whether one is stored.
 */
export const useTeamStore = defineStore(StoreId.Team, () => {
  const status = shallowRef<TeamStatus | null>(null)

  async function load(): Promise<void> {
    status.value = await call('team.status', {})
  }

  /** Connects to a database without saving it; the answer is the state that database is in. */
  function test(config: TeamDatabaseConfig, password?: string): Promise<TeamStatus> {
    return call('team.test', password ? { config, password } : { config })
  }

  async function setPassword(value: string | null): Promise<void> {
    status.value = await call('team.setPassword', { value })
  }

  return { status, load, test, setPassword }
})
