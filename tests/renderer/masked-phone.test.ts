import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest'
import { checkPhone } from '@shared/phone/check-phone'
import CooldownIndicator from '../../src-renderer/src/components/CooldownIndicator.vue'
import { useCooldownStore } from '../../src-renderer/src/stores/cooldown'
import { useSendStore } from '../../src-renderer/src/stores/send'
import SendView from '../../src-renderer/src/views/SendView.vue'
import { baseHandlers, FakeMain, PRODUCTION } from './support/fake-main'
import { mountWithMain } from './support/mount'

/** Numbers whose masks the renderer and the history once disagreed on (`912*4567` against `9****567`). */
const NUMBERS = [
  { country: 'HK', phoneCountryCode: '+852', phoneNumber: '91234567' },
  { country: 'US', phoneCountryCode: '+1', phoneNumber: '2025550123' },
  { country: 'CN', phoneCountryCode: '+86', phoneNumber: '13812345678' },
] as const

/** What this test uses of main's history fixtures (main-process code, outside the renderer's types). */
type HistoryFixtures = {
  TempHistory: new () => {
    open(): { begin(entry: unknown): number; get(id: number, revealPhone: boolean): { phoneNumber: string } }
    dispose(): void
  }
  newEntry(overrides: { phoneNumber: string; phoneCountryCode: string }): unknown
}

let history: InstanceType<HistoryFixtures['TempHistory']>
/** How main's history shows each number masked, read back from a real history file. */
const maskedByHistory = new Map<string, string>()

beforeAll(async () => {
  // Loaded at run time: the history is SQLite code the renderer's type project does not include.
  const fixtures = '../main/history/history-fixtures'
  const { TempHistory, newEntry } = (await import(/* @vite-ignore */ fixtures)) as HistoryFixtures
  history = new TempHistory()
  const store = history.open()
  for (const number of NUMBERS) {
    const id = store.begin(newEntry({ phoneNumber: number.phoneNumber, phoneCountryCode: number.phoneCountryCode }))
    maskedByHistory.set(number.phoneNumber, store.get(id, false).phoneNumber)
  }
})
afterAll(() => history.dispose())

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('a phone number shown masked', () => {
  it('is the history’s rule', () => {
    expect(maskedByHistory.get('91234567')).toBe('9****567')
    expect(maskedByHistory.get('2025550123')).toBe('20*****123')
  })

  it.each(NUMBERS)(
    'reads in the confirmation dialog as in the history: $phoneCountryCode $phoneNumber',
    async (number) => {
      wrapper = await mountWithMain(SendView, new FakeMain(baseHandlers(PRODUCTION.id)))
      const send = useSendStore()
      send.selectCountry(number.country)
      send.enterPhone(number.phoneNumber)
      await flushPromises()
      document.querySelector<HTMLButtonElement>('[data-testid="send-button"]')!.click()
      await flushPromises()

      const dialog = document.querySelector('.n-dialog')!.textContent
      expect(dialog).toContain(`${number.phoneCountryCode} ${maskedByHistory.get(number.phoneNumber)}`)
      expect(dialog).not.toContain(number.phoneNumber)
    },
  )

  it('reads in the cooldown panel exactly as in the history', async () => {
    for (const number of NUMBERS) {
      wrapper = await mountWithMain(CooldownIndicator, new FakeMain(baseHandlers()), { selected: 'CHANNEL_LOGIN' })
      const { phoneNumber, phoneCountryCode } = number
      await useCooldownStore().refresh({ profileId: 'local-sandbox', phoneNumber, phoneCountryCode })
      await flushPromises()
      expect(document.body.textContent).toContain(
        `${number.phoneCountryCode} ${maskedByHistory.get(number.phoneNumber)} · Local sandbox`,
      )
      wrapper.unmount()
      wrapper = null
    }
  })
})

describe('a phone number checked', () => {
  it('is sendable in the form exactly when main’s send check accepts it', async () => {
    const cases = [
      ...NUMBERS,
      { country: 'CN', phoneCountryCode: '+86', phoneNumber: '12345' },
      { country: 'GB', phoneCountryCode: '+44', phoneNumber: '13800138000' },
      { country: 'CN', phoneCountryCode: '+86', phoneNumber: '1380013800a' },
    ] as const
    wrapper = await mountWithMain(SendView, new FakeMain(baseHandlers()))
    const send = useSendStore()
    for (const number of cases) {
      send.selectCountry(number.country)
      send.enterPhone(number.phoneNumber)
      await flushPromises()
      const main = checkPhone(number.phoneNumber, number.phoneCountryCode)
      expect({ number, status: send.phoneCheck.status }).toEqual({ number, status: main.status })
    }
  })
})
