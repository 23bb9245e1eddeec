import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SendInput } from '@shared/contract'
import { i18n } from '../../src-renderer/src/i18n'
import { phoneChecks, phoneChecksFailed } from '../../src-renderer/src/lib/phone-checks'
import SendView from '../../src-renderer/src/views/SendView.vue'
import { baseHandlers, coolingReport, FakeMain, lockedKeychain, PRODUCTION, sendResult } from './support/fake-main'
import { lazyPartsLoaded, mountWithMain } from './support/mount'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

async function open(main: FakeMain) {
  wrapper = await mountWithMain(SendView, main)
  return wrapper
}

function labelled(text: string): HTMLInputElement
function labelled(text: string, kind: 'select'): HTMLSelectElement
function labelled(text: string, kind: 'input' | 'select' = 'input'): HTMLInputElement | HTMLSelectElement {
  const label = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === text)
  const control = label && document.getElementById(label.htmlFor)
  const wanted = kind === 'select' ? HTMLSelectElement : HTMLInputElement
  if (!(control instanceof wanted)) throw new Error(`no ${kind} labelled ${text}`)
  return control
}

/** What a select shows: its chosen option's text. */
const shown = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent?.trim() ?? ''
const country = () => shown(labelled('Country code', 'select'))

async function type(input: HTMLInputElement, text: string) {
  input.value = text
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

const sendButton = () => document.querySelector<HTMLButtonElement>('[data-testid="send-button"]')!
const blockReason = () => document.querySelector('[data-testid="block-reason"]')?.textContent?.trim() ?? ''

/** A "send anyway" box, found by its label. */
function checkbox(text: string): HTMLInputElement {
  const label = [...document.querySelectorAll('label')].find((element) => element.textContent?.includes(text))
  const box = label?.querySelector('input[type="checkbox"]')
  if (!(box instanceof HTMLInputElement)) throw new Error(`no checkbox "${text}"`)
  return box
}

function sendingMain() {
  const main = new FakeMain(baseHandlers())
  main.on('sms.send', () => ({ entryId: 7, result: sendResult(), recordFailure: null }))
  return main
}

describe('the send form', () => {
  it('labels every field so it can be found by its visible label', async () => {
    await open(sendingMain())
    for (const label of ['Channel', 'Country code']) expect(labelled(label, 'select')).toBeTruthy()
    for (const label of ['Phone number', 'User access token', 'Note']) expect(labelled(label)).toBeTruthy()
  })

  it('disables Send with a visible reason while the number is invalid for the country code', async () => {
    await open(sendingMain())
    expect(sendButton().disabled).toBe(true)
    expect(blockReason()).toBe('Enter a phone number.')

    await type(labelled('Phone number'), '12345')
    expect(sendButton().disabled).toBe(true)
    expect(blockReason()).toContain('not valid for China (+86)')
    expect(document.body.textContent).toContain('12345 is not a valid number for China (+86).')

    await type(labelled('Phone number'), '138 0013-8000')
    expect(sendButton().disabled).toBe(false)
    expect(blockReason()).toBe('')
    expect(document.body.textContent).toContain('Valid number for China (+86).')
  })

  it("accepts the sandbox emulator's reserved numbers on the built-in profile", async () => {
    await open(sendingMain())
    await type(labelled('Phone number'), '10000000400')
    expect(sendButton().disabled).toBe(false)
    // Not a reserved number: the same shape is invalid.
    await type(labelled('Phone number'), '10000000999')
    expect(sendButton().disabled).toBe(true)
  })

  it('splits a number typed with its country code into the two fields, with a note', async () => {
    await open(sendingMain())
    await type(labelled('Phone number'), '+1 415 555 2671')

    expect(labelled('Phone number').value).toBe('4155552671')
    expect(country()).toBe('United States (+1)')
    expect(document.querySelector('[data-testid="split-notice"]')?.textContent).toContain(
      'Recognised +1 (United States)',
    )
    expect(sendButton().disabled).toBe(false)
  })

  it('takes a number before the phone checks have loaded, says it is checking, and checks it when they arrive', async () => {
    const loaded = phoneChecks.value
    phoneChecks.value = null
    try {
      await open(sendingMain())
      await type(labelled('Phone number'), '+1 415 555 2671')
      const status = document.getElementById(`${labelled('Phone number').id}-status`)!
      expect(status.getAttribute('role')).toBe('status')
      expect(status.textContent).toBe('Checking the number…')
      expect(blockReason()).toBe('Checking the number…')
      expect(sendButton().disabled).toBe(true)

      phoneChecks.value = loaded
      await flushPromises()
      expect(labelled('Phone number').value).toBe('4155552671')
      expect(country()).toContain('(+1)')
      expect(status.textContent).toContain('Valid number for United States (+1)')
      expect(sendButton().disabled).toBe(false)
    } finally {
      phoneChecks.value = loaded
    }
  })

  it('says so when the phone checks cannot load, and keeps Send disabled', async () => {
    const loaded = phoneChecks.value
    phoneChecks.value = null
    phoneChecksFailed.value = true
    try {
      await open(sendingMain())
      await type(labelled('Phone number'), '13800138000')
      const reason = 'The phone number check could not load; reload the window to try again.'
      expect(document.getElementById(`${labelled('Phone number').id}-status`)!.textContent).toBe(reason)
      expect(blockReason()).toBe(reason)
      expect(sendButton().disabled).toBe(true)
    } finally {
      phoneChecks.value = loaded
      phoneChecksFailed.value = false
    }
  })

  it('renders the form without Intl, whose first use is slow, and names the country once the checks arrive', async () => {
    const loaded = phoneChecks.value
    phoneChecks.value = null
    const regionNames = vi.spyOn(Intl.DisplayNames.prototype, 'of')
    try {
      await open(sendingMain())
      expect(regionNames).not.toHaveBeenCalled()
      expect(country()).toBe('+86')

      phoneChecks.value = loaded
      await flushPromises()
      expect(country()).toBe('China (+86)')
    } finally {
      phoneChecks.value = loaded
      regionNames.mockRestore()
    }
  })

  it('sends the digits with the country code and shows the result', async () => {
    const main = sendingMain()
    await open(main)
    await type(labelled('Phone number'), '+8613800138000')
    await type(labelled('Note'), ' TICKET-42 ')
    sendButton().click()
    await lazyPartsLoaded()

    const [input] = main.inputsOf('sms.send') as SendInput[]
    expect(input).toMatchObject({
      profileId: 'local-sandbox',
      channel: 'CHANNEL_LOGIN',
      phoneNumber: '13800138000',
      phoneCountryCode: '+86',
      note: 'TICKET-42',
      overrideValidation: false,
      overrideCooldown: false,
      confirmed: false,
    })
    expect(input).not.toHaveProperty('accessToken', expect.anything())
    expect(document.querySelector('[data-testid="request-id"]')?.textContent).toBe('req-0f3a9c')
  })

  it('sends an invalid number only after "Send anyway" is ticked, and says so to main', async () => {
    const main = sendingMain()
    await open(main)
    await type(labelled('Phone number'), '12345')
    expect(sendButton().disabled).toBe(true)

    const sendAnyway = checkbox('Send anyway: I know the number looks invalid')
    sendAnyway.click()
    await flushPromises()
    expect(sendButton().disabled).toBe(false)
    sendButton().click()
    await flushPromises()
    expect(main.inputsOf('sms.send')[0]).toMatchObject({ phoneNumber: '12345', overrideValidation: true })

    // Editing the number withdraws the override: it was given for that number.
    await type(labelled('Phone number'), '10000000401')
    expect(sendButton().disabled).toBe(true)
  })

  it('sends with Ctrl+Enter from the form', async () => {
    const main = sendingMain()
    await open(main)
    const phone = labelled('Phone number')
    await type(phone, '13800138000')
    phone.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(main.inputsOf('sms.send')).toHaveLength(1)
  })

  it('asks for confirmation on a production profile and sends with confirmed: true', async () => {
    const main = new FakeMain(baseHandlers(PRODUCTION.id))
    main.on('sms.send', () => ({ entryId: 8, result: sendResult(), recordFailure: null }))
    await open(main)
    await type(labelled('Phone number'), '13812345678')
    expect(sendButton().textContent).toContain('Send to production')
    sendButton().click()
    await lazyPartsLoaded()

    expect(main.inputsOf('sms.send')).toHaveLength(0)
    const dialog = document.querySelector('.n-dialog')!
    expect(dialog.textContent).toContain('64f0acme')
    expect(dialog.textContent).toContain('CHANNEL_LOGIN')
    expect(dialog.textContent).toContain('+86 138****5678')
    expect(dialog.textContent).not.toContain('13812345678')

    const confirm = [...dialog.querySelectorAll('button')].find((button) => button.textContent?.includes('Send now'))!
    confirm.click()
    await flushPromises()
    expect(main.inputsOf('sms.send')).toEqual([expect.objectContaining({ confirmed: true, profileId: 'prod' })])
  })

  it.each([
    ['en-US', 'The OS keychain is locked. Unlock your login keyring', /[\p{Script=Han}]/u],
    ['zh-CN', '系统钥匙串已锁定。 解锁登录密钥环', /keychain|keyring/i],
  ] as const)('shows main’s refusal of the send in the %s interface’s language', async (language, shown, foreign) => {
    const main = new FakeMain(baseHandlers())
    main.on('sms.send', () => {
      throw lockedKeychain()
    })
    await open(main)
    await type(labelled('Phone number'), '13800138000')
    i18n.global.locale.value = language
    await flushPromises()
    sendButton().click()
    await flushPromises()
    const failure = document.querySelector('[data-testid="send-failure"]')?.textContent ?? ''
    expect(failure).toContain(shown)
    expect(failure).not.toMatch(foreign)
  })

  it.each([
    ['is cooling down', 'sent', 'success', 'cooling down'],
    ['may have been sent', 'maybe-sent', 'network-failure', 'may have been sent (Network failure)'],
  ] as const)(
    'says on the Send button that the channel %s, until the cooldown is overridden',
    async (_, reason, outcome, said) => {
      const main = new FakeMain(baseHandlers())
      main.on('cooldown.forPhone', () => coolingReport({ channel: 'CHANNEL_LOGIN', seconds: 42, reason, outcome }))
      main.on('sms.send', () => ({ entryId: 9, result: sendResult(), recordFailure: null }))
      await open(main)
      await type(labelled('Phone number'), '13800138000')
      await new Promise((resolve) => setTimeout(resolve, 300))
      await flushPromises()

      expect(sendButton().disabled).toBe(true)
      expect(sendButton().textContent).toMatch(/Cooling down · (42|41) s/)
      expect(blockReason()).toContain(said)

      const despiteCooldown = checkbox('Send anyway despite the cooldown')
      despiteCooldown.click()
      await flushPromises()
      sendButton().click()
      await flushPromises()
      expect(main.inputsOf('sms.send')[0]).toMatchObject({ overrideCooldown: true })
    },
  )
})
