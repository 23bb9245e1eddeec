import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SmsChannel } from '@shared/contract'
import CooldownIndicator from '../../src-renderer/src/components/CooldownIndicator.vue'
import { i18n } from '../../src-renderer/src/i18n'
import { useCooldownStore } from '../../src-renderer/src/stores/cooldown'
import { baseHandlers, CHANNELS, coolingReport, FakeMain } from './support/fake-main'
import { mountWithMain } from './support/mount'

const LOCAL_NOW = Date.UTC(2025, 0, 15, 9, 0, 0)
let wrapper: VueWrapper | null = null

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(LOCAL_NOW)
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  vi.useRealTimers()
})

/** Main answers in its own clock, `skewMs` ahead of the local one. */
function mainWithCooldown(skewMs: number, cooling: Partial<Record<SmsChannel, number>>, sending: SmsChannel[] = []) {
  const main = new FakeMain(baseHandlers())
  main.on('cooldown.forPhone', () => {
    const mainNow = Date.now() + skewMs
    return {
      now: mainNow,
      channels: CHANNELS.map((channel) => {
        const seconds = cooling[channel]
        if (seconds !== undefined)
          return {
            channel,
            state: 'cooling' as const,
            until: mainNow + seconds * 1000,
            reason: 'sent' as const,
            outcome: 'success' as const,
          }
        if (sending.includes(channel))
          return { channel, state: 'sending' as const, until: null, reason: null, outcome: null }
        return { channel, state: 'free' as const, until: null, reason: null, outcome: null }
      }),
    }
  })
  return main
}

const stateOf = (channel: SmsChannel) => {
  const item = document.querySelector(`[data-channel="${channel}"]`)
  return { state: item?.querySelector('[data-state]')?.getAttribute('data-state'), text: item?.textContent?.trim() }
}

async function show(main: FakeMain) {
  wrapper = await mountWithMain(CooldownIndicator, main, { selected: 'CHANNEL_LOGIN' })
  await useCooldownStore().refresh({ profileId: 'local-sandbox', phoneNumber: '13800138000', phoneCountryCode: '+86' })
  await flushPromises()
}

describe('the cooldown indicator', () => {
  it('asks for a phone before showing anything', async () => {
    wrapper = await mountWithMain(CooldownIndicator, new FakeMain(baseHandlers()), { selected: 'CHANNEL_LOGIN' })
    expect(document.body.textContent).toContain('Enter a phone number to see its cooldown.')
    expect(document.querySelectorAll('[data-channel]')).toHaveLength(0)
  })

  it('counts a cooling channel down every second, then shows it free', async () => {
    await show(mainWithCooldown(0, { CHANNEL_LOGIN: 3, CHANNEL_REGISTER: 60 }))
    expect(document.body.textContent).toContain('+86 138****8000 · Local sandbox')
    expect(stateOf('CHANNEL_LOGIN')).toEqual({ state: 'cooling', text: 'Log in3 s' })
    expect(stateOf('CHANNEL_REGISTER').text).toBe('Sign up60 s')
    expect(stateOf('CHANNEL_RESET_PASSWORD').state).toBe('free')

    await vi.advanceTimersByTimeAsync(1000)
    expect(stateOf('CHANNEL_LOGIN').text).toBe('Log in2 s')
    expect(stateOf('CHANNEL_REGISTER').text).toBe('Sign up59 s')

    await vi.advanceTimersByTimeAsync(2000)
    expect(stateOf('CHANNEL_LOGIN')).toEqual({ state: 'free', text: 'Log inFree' })
    expect(stateOf('CHANNEL_REGISTER').text).toBe('Sign up57 s')
  })

  it('says a channel cooling after a send that may have gone out may have been sent, and why', async () => {
    const main = new FakeMain(baseHandlers())
    main.on('cooldown.forPhone', () =>
      coolingReport({ channel: 'CHANNEL_LOGIN', seconds: 42, reason: 'maybe-sent', outcome: 'timeout' }),
    )
    await show(main)
    expect(stateOf('CHANNEL_LOGIN')).toEqual({ state: 'cooling', text: 'Log inMay have been sent (Timeout) · 42 s' })
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(stateOf('CHANNEL_LOGIN').text).toContain('可能已发送（超时）· 42 秒')
  })

  it('counts from main’s clock even when the local clock is off', async () => {
    // Main is ten minutes ahead: `until` is far in the local future, yet only 30 s remain.
    await show(mainWithCooldown(10 * 60_000, { CHANNEL_BIND_MFA: 30 }))
    expect(stateOf('CHANNEL_BIND_MFA').text).toBe('Bind MFA30 s')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(stateOf('CHANNEL_BIND_MFA').state).toBe('free')
  })

  it('shows a send in flight and marks the selected channel', async () => {
    await show(mainWithCooldown(0, {}, ['CHANNEL_LOGIN']))
    expect(stateOf('CHANNEL_LOGIN')).toEqual({ state: 'sending', text: 'Log inSending' })
    expect(document.querySelector('[data-channel="CHANNEL_LOGIN"]')?.getAttribute('aria-current')).toBe('true')
    expect(document.querySelector('[data-channel="CHANNEL_REGISTER"]')?.hasAttribute('aria-current')).toBe(false)
  })

  it('stops ticking once nothing is cooling', async () => {
    await show(mainWithCooldown(0, { CHANNEL_LOGIN: 1 }))
    await vi.advanceTimersByTimeAsync(2000)
    expect(vi.getTimerCount()).toBe(0)
  })
})
