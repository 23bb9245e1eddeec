import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useTransport } from '../../src-renderer/src/api/client'
import { useCooldownStore } from '../../src-renderer/src/stores/cooldown'
import { useHistoryStore } from '../../src-renderer/src/stores/history'
import { followMainEvents } from '../../src-renderer/src/stores/main-events'
import { useProfilesStore } from '../../src-renderer/src/stores/profiles'
import { useSettingsStore } from '../../src-renderer/src/stores/settings'
import { useTeamStore } from '../../src-renderer/src/stores/team'
import { baseHandlers, FakeMain, PRODUCTION, profileList, teamStatus } from './support/fake-main'

let main: FakeMain
beforeEach(() => {
  setActivePinia(createPinia())
  main = new FakeMain({
    ...baseHandlers(),
    'history.query': () => ({ entries: [], nextCursor: null, counts: {}, total: 0 }),
  })
  useTransport(main)
})

const callsTo = (name: Parameters<FakeMain['inputsOf']>[0]) => main.inputsOf(name).length

describe('following main’s events', () => {
  it('applies the profiles when they change elsewhere', async () => {
    const stop = followMainEvents()
    main.emit({ name: 'profiles.changed', list: profileList(PRODUCTION.id) })
    await flushPromises()
    expect(useProfilesStore().active?.id).toBe(PRODUCTION.id)
    stop()
  })

  it('applies the settings when they change elsewhere', async () => {
    const stop = followMainEvents()
    main.emit({
      name: 'settings.changed',
      settings: {
        language: 'zh-CN',
        theme: 'dark',
        retentionDays: null,
        retentionMaxEntries: 500,
        keychainBackend: 'keytar',
        teamDatabase: null,
      },
    })
    await flushPromises()
    expect(useSettingsStore().language).toBe('zh-CN')
    expect(useSettingsStore().theme).toBe('dark')
    stop()
  })

  it('reloads the team state, and only it, when the team database changes', async () => {
    const stop = followMainEvents()
    main.on('team.status', () =>
      teamStatus({
        source: 'settings',
        connection: 'postgres://sms@db:5432/sms',
        state: 'connected',
        hasPassword: true,
      }),
    )
    main.emit({ name: 'team.changed' })
    await flushPromises()
    expect(useTeamStore().status?.state).toBe('connected')
    expect(callsTo('settings.get')).toBe(0)
    stop()
  })

  it('refreshes the cooldown, and the history once it has been opened, when the history changes', async () => {
    const stop = followMainEvents()
    await useCooldownStore().refresh({
      profileId: 'local-sandbox',
      phoneNumber: '13800138000',
      phoneCountryCode: '+86',
    })
    main.emit({ name: 'history.changed', change: 'elsewhere', entryId: null })
    await flushPromises()
    expect(callsTo('cooldown.forPhone')).toBe(2)
    expect(callsTo('history.query')).toBe(0)

    await useHistoryStore().load()
    main.emit({ name: 'history.changed', change: 'pruned', entryId: null })
    await flushPromises()
    expect(callsTo('history.query')).toBe(2)
    stop()
  })

  it('stops following once unsubscribed', async () => {
    followMainEvents()()
    main.emit({ name: 'profiles.changed', list: profileList(PRODUCTION.id) })
    await flushPromises()
    expect(useProfilesStore().active).toBeNull()
  })
})
