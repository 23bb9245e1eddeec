import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallName, ProfileView, Settings } from '@shared/contract'
import { useTransport } from '../../src-renderer/src/api/client'
import { loadPhoneChecks } from '../../src-renderer/src/lib/phone-checks'
import { useAppStore } from '../../src-renderer/src/stores/app'
import { useCooldownStore } from '../../src-renderer/src/stores/cooldown'
import { useHistoryStore } from '../../src-renderer/src/stores/history'
import { followMainEvents } from '../../src-renderer/src/stores/main-events'
import { useProfilesStore } from '../../src-renderer/src/stores/profiles'
import { useSendStore } from '../../src-renderer/src/stores/send'
import { useSettingsStore } from '../../src-renderer/src/stores/settings'
import { baseHandlers, FakeMain, PRODUCTION, profileList, SANDBOX, sendResult, SETTINGS } from './support/fake-main'

/**
 * Main as it behaves now: every change is announced to every window (this one included) before the
 * call answers. The counts below are every call that crossed the transport for one user action.
 */
let main: FakeMain
let stop: () => void

beforeEach(async () => {
  setActivePinia(createPinia())
  main = new FakeMain({
    ...baseHandlers(),
    'history.query': () => ({ entries: [], nextCursor: null, counts: {}, total: 0 }),
  })
  useTransport(main)
  stop = followMainEvents()
  await Promise.all([useProfilesStore().load(), useSettingsStore().load(), loadPhoneChecks()])
  main.calls.length = 0
})
afterEach(() => stop())

/** Every call made while `action` runs and its events settle, by name. */
async function callsDuring(action: () => Promise<unknown>): Promise<CallName[]> {
  main.calls.length = 0
  await action()
  await flushPromises()
  return main.calls.map((entry) => entry.name)
}

const STAGING: ProfileView = { ...PRODUCTION, id: 'staging', name: 'Acme staging', environment: 'staging' }

describe('a change made in this window', () => {
  it('creates a profile with one call: its answer is applied, its event fetches nothing', async () => {
    main.on('profiles.create', () => {
      main.emit({ name: 'profiles.changed', list: { profiles: [SANDBOX, PRODUCTION, STAGING], activeId: SANDBOX.id } })
      return STAGING
    })
    expect(await callsDuring(() => useProfilesStore().create(STAGING))).toEqual(['profiles.create'])
    expect(useProfilesStore().profiles.map((profile) => profile.id)).toEqual([SANDBOX.id, PRODUCTION.id, STAGING.id])
  })

  it('deletes a profile with one call, the answer carrying the list left', async () => {
    main.on('profiles.delete', () => {
      const left = { profiles: [SANDBOX], activeId: SANDBOX.id }
      main.emit({ name: 'profiles.changed', list: left })
      return left
    })
    expect(await callsDuring(() => useProfilesStore().remove(PRODUCTION.id))).toEqual(['profiles.delete'])
    expect(useProfilesStore().profiles).toEqual([SANDBOX])
  })

  it('stores a secret with one call', async () => {
    const withSecret = { ...PRODUCTION, hasAccessToken: true }
    main.on('profiles.setSecret', () => {
      main.emit({ name: 'profiles.changed', list: { profiles: [SANDBOX, withSecret], activeId: SANDBOX.id } })
      return withSecret
    })
    const calls = await callsDuring(() => useProfilesStore().setSecret(PRODUCTION.id, 'accessToken', 'token'))
    expect(calls).toEqual(['profiles.setSecret'])
    expect(useProfilesStore().profiles[1]?.hasAccessToken).toBe(true)
  })

  it('updates the settings with one call', async () => {
    const dark: Settings = { ...SETTINGS, theme: 'dark' }
    main.on('settings.update', () => {
      main.emit({ name: 'settings.changed', settings: dark })
      return dark
    })
    expect(await callsDuring(() => useSettingsStore().update({ theme: 'dark' }))).toEqual(['settings.update'])
    expect(useSettingsStore().theme).toBe('dark')
  })

  it('clears the open history with the clear and one page, not two', async () => {
    await useHistoryStore().load()
    main.on('history.clear', () => {
      main.emit({ name: 'history.changed', change: 'cleared', entryId: null })
      return { deleted: 3 }
    })
    const calls = await callsDuring(() => useHistoryStore().clear())
    expect(calls.filter((name) => name === 'history.query')).toHaveLength(1)
    expect(calls.filter((name) => name !== 'history.query' && name !== 'cooldown.forPhone')).toEqual(['history.clear'])
  })

  it('refreshes the cooldown once per send, though the send records and completes an entry', async () => {
    const send = useSendStore()
    send.enterPhone('13800138000')
    await useCooldownStore().refresh(send.cooldownSubject)
    main.on('sms.send', () => {
      main.emit({ name: 'history.changed', change: 'recorded', entryId: 7 })
      main.emit({ name: 'history.changed', change: 'completed', entryId: 7 })
      return { entryId: 7, result: sendResult(), recordFailure: null }
    })
    const calls = await callsDuring(() => send.send(false))
    expect(calls.filter((name) => name === 'cooldown.forPhone')).toHaveLength(1)
    expect(calls).toContain('sms.send')

    // Events of that send arriving after its answer (server-sent events may trail it) fetch nothing.
    expect(
      await callsDuring(async () => main.emit({ name: 'history.changed', change: 'completed', entryId: 7 })),
    ).toEqual([])
  })
})

describe('a change made elsewhere', () => {
  it('applies the profiles and settings an event carries without asking main', async () => {
    const calls = await callsDuring(async () => {
      main.emit({ name: 'profiles.changed', list: profileList(PRODUCTION.id) })
      main.emit({ name: 'settings.changed', settings: { ...SETTINGS, language: 'zh-CN' } })
    })
    expect(calls).toEqual([])
    expect(useProfilesStore().active?.id).toBe(PRODUCTION.id)
    expect(useSettingsStore().language).toBe('zh-CN')
  })

  it('shows a warning another process recorded, from the event alone', async () => {
    const warning = { id: 'w1', message: 'The settings file could not be used.', keptAs: 'settings.json.aside' }
    const calls = await callsDuring(async () => main.emit({ name: 'warnings.changed', warnings: [warning] }))
    expect(calls).toEqual([])
    expect(useAppStore().warnings).toEqual([warning])
  })

  it('refreshes the open history and the cooldown once for a send another process made', async () => {
    await useHistoryStore().load()
    await useCooldownStore().refresh({ profileId: SANDBOX.id, phoneNumber: '13800138000', phoneCountryCode: '+86' })
    const calls = await callsDuring(async () =>
      main.emit({ name: 'history.changed', change: 'elsewhere', entryId: null }),
    )
    expect(calls.sort()).toEqual(['cooldown.forPhone', 'history.query'])
  })
})
