import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import AppNotices from '../../src-renderer/src/components/AppNotices.vue'
import { CallFailure } from '../../src-renderer/src/api/client'
import { useNotify } from '../../src-renderer/src/composables/use-notify'
import { i18n } from '../../src-renderer/src/i18n'
import { notices } from '../../src-renderer/src/lib/notices'
import { lockedKeychain } from './support/fake-main'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  notices.value = []
  vi.useRealTimers()
  document.body.innerHTML = ''
})

/** The window's notice area beside a component that notifies, as App.vue hosts them. */
async function open() {
  let notify: ReturnType<typeof useNotify> | null = null
  const Notifier = defineComponent({
    setup() {
      notify = useNotify()
      return () => null
    },
  })
  wrapper = mount(() => [h(Notifier), h(AppNotices)], { attachTo: document.body, global: { plugins: [i18n] } })
  await flushPromises()
  return notify!
}

const region = (role: string) => document.querySelector<HTMLElement>(`.notices [role="${role}"]`)!

describe('the notices', () => {
  it("show a failure in the alert region, in the interface's language, until dismissed", async () => {
    i18n.global.locale.value = 'en-US'
    const notify = await open()
    expect(region('alert').textContent).toBe('')

    notify.failure(new CallFailure(lockedKeychain().error))
    await flushPromises()
    expect(region('alert').textContent).toContain('The OS keychain is locked.')
    expect(region('status').textContent).toBe('')

    region('alert').querySelector('button')!.click()
    await flushPromises()
    expect(region('alert').textContent).toBe('')
  })

  it('show a confirmation in the status region, and each goes by itself after a while', async () => {
    vi.useFakeTimers()
    const notify = await open()
    notify.success('Profile saved.')
    notify.failure(new Error('disk full'))
    await flushPromises()
    expect(region('status').textContent).toContain('Profile saved.')
    expect(region('alert').textContent).toContain('Something went wrong (disk full)')

    vi.advanceTimersByTime(3_000)
    await flushPromises()
    expect(region('status').textContent).toBe('')
    expect(region('alert').textContent).toContain('disk full')
    vi.advanceTimersByTime(7_000)
    await flushPromises()
    expect(region('alert').textContent).toBe('')
  })

  it('keep the latest three of a burst', async () => {
    const notify = await open()
    for (const number of [1, 2, 3, 4, 5]) notify.success(`Saved ${number}.`)
    await flushPromises()
    const shown = [...region('status').querySelectorAll('[data-testid="notice"]')].map((notice) => notice.textContent)
    expect(shown).toEqual(['Saved 3.', 'Saved 4.', 'Saved 5.'])
  })
})
