import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ProfileFields, ProfileView, SecretKind } from '@shared/contract'
import { call } from '../api/client'
import { StoreId } from './store-id'

/** The connection profiles and which one is active; secrets never come here, only whether each is stored. */
export const useProfilesStore = defineStore(StoreId.Profiles, () => {
  const profiles = shallowRef<ProfileView[]>([])
  const activeId = ref<string | null>(null)
  const active = computed(() => profiles.value.find((profile) => profile.id === activeId.value) ?? null)

  function apply(list: { profiles: ProfileView[]; activeId: string }): void {
    profiles.value = list.profiles
    activeId.value = list.activeId
  }

  async function load(): Promise<void> {
    apply(await call('profiles.list', {}))
  }

  async function setActive(id: string): Promise<void> {
    apply(await call('profiles.setActive', { id }))
  }

  async function create(fields: ProfileFields): Promise<ProfileView> {
    const created = await call('profiles.create', { fields })
    await load()
    return created
  }

  async function update(id: string, fields: ProfileFields): Promise<ProfileView> {
    const updated = await call('profiles.update', { id, fields })
    await load()
    return updated
  }

  async function duplicate(id: string): Promise<ProfileView> {
    const copy = await call('profiles.duplicate', { id })
    await load()
    return copy
  }

  async function remove(id: string): Promise<void> {
    await call('profiles.delete', { id })
    await load()
  }

  /** `value: null` removes the stored secret. */
  async function setSecret(id: string, kind: SecretKind, value: string | null): Promise<void> {
    await call('profiles.setSecret', { id, kind, value })
    await load()
  }

  async function exportJson(): Promise<string> {
    return (await call('profiles.export', {})).json
  }

  async function importJson(json: string): Promise<number> {
    const { imported } = await call('profiles.import', { json })
    await load()
    return imported
  }

  return {
    profiles,
    activeId,
    active,
    load,
    setActive,
    create,
    update,
    duplicate,
    remove,
    setSecret,
    exportJson,
    importJson,
  }
})
