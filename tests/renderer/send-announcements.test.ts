import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import SendAnnouncements from '../../src-renderer/src/components/SendAnnouncements.vue'
import SendView from '../../src-renderer/src/views/SendView.vue'
import { baseHandlers, CHANNELS, FakeMain, lockedKeychain, sendResult } from './support/fake-main'
import { mountWithMain } from './support/mount'

// The send form beside the announcer, as App.vue places them.
const Console = defineComponent({ setup: () => () => [h(SendView), h(SendAnnouncements)] })

let wrapper: VueWrapper | null = null
let observer: MutationObserver | null = null
/** Every text the screen reader could be handed: each live region's content after each change. */
let spoken: { region: Element; text: string }[] = []

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(Date.UTC(2025, 0, 15, 9, 0, 0))
  spoken = []
})
afterEach(() => {
  observer?.disconnect()
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  vi.useRealTimers()
})

const LIVE = '[role="status"], [role="alert"], [aria-live]'

async function open(main: FakeMain): Promise<void> {
  wrapper = await mountWithMain(Console, main)
  observer = new MutationObserver((records) => {
    const changed = new Set(
      records.map((record) =>
        (record.target instanceof Element ? record.target : record.target.parentElement)?.closest(LIVE),
      ),
    )
    for (const region of changed) {
      const text = region?.textContent?.trim()
      if (region && text) spoken.push({ region, text })
    }
  })
  observer.observe(document.body, { childList: true, subtree: true, characterData: true })
}

async function typePhone(digits: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('input[inputmode="tel"], input[type="tel"]')!
  input.value = digits
  input.dispatchEvent(new Event('input'))
  // The form asks main for the number's cooldown a moment after typing stops.
  await vi.advanceTimersByTimeAsync(300)
}

const sendButton = () => document.querySelector<HTMLButtonElement>('[data-testid="send-button"]')!
const announcer = () => document.querySelector('[data-testid="announcer"]')!
/** Everything live regions said, less the phone field's own check of the number as it is typed. */
const announcements = () =>
  spoken.filter((entry) => !entry.region.matches('.phone-input__status')).map((entry) => entry.text)

/** Main with the login channel cooling for `seconds` once a send has been made. */
function mainCoolingAfterSend(seconds: number): FakeMain {
  const main = new FakeMain(baseHandlers())
  let sent = false
  main.on('sms.send', () => {
    sent = true
    return { entryId: 7, result: sendResult(), recordFailure: null }
  })
  main.on('cooldown.forPhone', () => ({
    now: Date.now(),
    channels: CHANNELS.map((channel) =>
      sent && channel === 'CHANNEL_LOGIN'
        ? {
            channel,
            state: 'cooling' as const,
            until: Date.now() + seconds * 1000,
            reason: 'sent' as const,
            outcome: 'success' as const,
          }
        : { channel, state: 'free' as const, until: null, reason: null, outcome: null },
    ),
  }))
  return main
}

// Mounting the whole form takes a few seconds on a busy machine.
describe('what a screen reader hears of a send', { timeout: 20_000 }, () => {
  it('announces the result once, in one polite live region', async () => {
    await open(mainCoolingAfterSend(3))
    await typePhone('13800138000')
    sendButton().click()
    await flushPromises()

    const text = 'Success: GenAuth accepted the SMS. statusCode 200, apiCode —.'
    expect(announcer().getAttribute('aria-live')).toBe('polite')
    expect(announcer().textContent).toBe(text)
    expect(announcements()).toEqual([text])
    const regionsSaying = [...document.querySelectorAll(LIVE)].filter((region) =>
      region.textContent?.includes('GenAuth'),
    )
    expect(regionsSaying).toEqual([announcer()])
  })

  it('does not read the cooldown out every second, only when the channel is free again', async () => {
    await open(mainCoolingAfterSend(3))
    await typePhone('13800138000')
    sendButton().click()
    await flushPromises()
    spoken = []

    await vi.advanceTimersByTimeAsync(1000)
    // The countdown runs on screen...
    expect(sendButton().textContent).toContain('2 s')
    await vi.advanceTimersByTimeAsync(1000)
    expect(sendButton().textContent).toContain('1 s')
    // ...and no live region took any of its seconds.
    expect(announcements()).toEqual([])

    await vi.advanceTimersByTimeAsync(1000)
    expect(sendButton().disabled).toBe(false)
    expect(announcements()).toEqual(['Free to send again: Log in.'])
    await vi.advanceTimersByTimeAsync(5000)
    expect(announcements()).toEqual(['Free to send again: Log in.'])
  })

  it('announces nothing when another number is typed, though its channels differ', async () => {
    await open(mainCoolingAfterSend(60))
    await typePhone('13800138000')
    sendButton().click()
    await flushPromises()
    spoken = []
    await typePhone('13900139000')
    expect(announcements()).toEqual([])
  })

  it('announces a refusal once, in the same region, and the same refusal again on a second try', async () => {
    const main = new FakeMain(baseHandlers())
    main.on('sms.send', () => {
      throw lockedKeychain()
    })
    await open(main)
    await typePhone('13800138000')
    sendButton().click()
    await flushPromises()
    const text =
      'Not sent: The OS keychain is locked. Unlock your login keyring (for example in Passwords and Keys / Seahorse, or by logging in again), then retry.'
    expect(announcements()).toEqual([text])
    expect(document.querySelector('[data-testid="send-failure"]')?.closest(LIVE)).toBeNull()

    sendButton().click()
    await flushPromises()
    expect(announcements()).toEqual([text, text])
  })
})
