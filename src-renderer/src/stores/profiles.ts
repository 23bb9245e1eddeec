import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ProfileFields, ProfileList, ProfileView, SecretKind } from '@shared/contract'
import { call } from '../api/client'
import { StoreId } from './store-id'

/**
 * The connection profiles and which one is active; secrets never come here, only whether each is stored.
 * A change made here applies the call's answer; main's `profiles.changed` event, which carries the whole
 * list, brings changes made elsewhere (and repeats this window's own, which then changes nothing).
 */
export const useProfilesStore = defineStore(StoreId.Profiles, () => {
  const profiles = shallowRef<ProfileView[]>([])
  const activeId = ref<string | null>(null)
  const active = computed(() => profiles.value.find((profile) => profile.id === activeId.value) ?? null)

  function apply(list: ProfileList): void {
    // An unchanged list keeps its array, so nothing showing it renders again.
    if (JSON.stringify(list) === JSON.stringify({ profiles: profiles.value, activeId: activeId.value })) return
    profiles.value = list.profiles
    activeId.value = list.activeId
  }

  /** A created or changed profile takes its place in the list; a new one goes last, as main keeps it. */
  function put(view: ProfileView): ProfileView {
    const known = profiles.value.some((profile) => profile.id === view.id)
    profiles.value = known
      ? profiles.value.map((profile) => (profile.id === view.id ? view : profile))
      : [...profiles.value, view]
    return view
  }

  async function load(): Promise<void> {
    apply(await call('profiles.list', {}))
  }

  async function setActive(id: string): Promise<void> {
    apply(await call('profiles.setActive', { id }))
  }

  async function create(fields: ProfileFields): Promise<ProfileView> {
    return put(await call('profiles.create', { fields }))
  }

  async function update(id: string, fields: ProfileFields): Promise<ProfileView> {
    return put(await call('profiles.update', { id, fields }))
  }

  async function duplicate(id: string): Promise<ProfileView> {
    return put(await call('profiles.duplicate', { id }))
  }

  async function remove(id: string): Promise<void> {
    apply(await call('profiles.delete', { id }))
  }

  /** `value: null` removes the stored secret. */
  async function setSecret(id: string, kind: SecretKind, value: string | null): Promise<void> {
    put(await call('profiles.setSecret', { id, kind, value }))
  }

  async function exportJson(): Promise<string> {
    return (await call('profiles.export', {})).json
  }

  /** The answer is a count: the imported profiles arrive with the `profiles.changed` event. */
  async function importJson(json: string): Promise<number> {
    return (await call('profiles.import', { json })).imported
  }

  return {
    profiles,
    activeId,
    active,
    apply,
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
