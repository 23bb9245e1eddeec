import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { nextTick } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { errorText, type DataWarning } from '@shared/contract'
import { i18n } from '../../src-renderer/src/i18n'
import DataWarnings from '../../src-renderer/src/components/DataWarnings.vue'
import { APP_INFO, baseHandlers, FakeMain } from './support/fake-main'
import { mountWithMain } from './support/mount'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

const KEPT = '/data/profiles.json.corrupt-2026-11-30T10-00-00-000Z'
const warning = (id: string, message: string): DataWarning => ({ id, message, keptAs: KEPT })

describe('the data warnings', () => {
  it('show every warning with the file kept aside, and a dismissed one goes through main and disappears', async () => {
    let stored = [
      warning('w1', `The profiles file could not be fully read (not valid JSON). It was kept as ${KEPT}.`),
      warning('w2', 'The settings file could not be used (not a JSON object).'),
    ]
    const main = new FakeMain({
      ...baseHandlers(),
      'app.info': () => ({ ...APP_INFO, warnings: stored }),
      'app.dismissWarning': ({ id }) => (stored = stored.filter((candidate) => candidate.id !== id)),
    })
    wrapper = await mountWithMain(DataWarnings, main)
    const alert = () => document.querySelector<HTMLElement>('[role="alert"]')
    expect(alert()?.textContent).toContain(KEPT)
    expect(alert()?.textContent).toContain('The settings file')

    const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[aria-label="Dismiss this warning"]')]
    expect(buttons).toHaveLength(2)
    buttons[0]!.click()
    await flushPromises()
    expect(main.calls.filter((call) => call.name === 'app.dismissWarning')).toEqual([
      { name: 'app.dismissWarning', input: { id: 'w1' } },
    ])
    expect(alert()?.textContent).not.toContain(KEPT)
    expect(alert()?.textContent).toContain('The settings file')

    document.querySelector<HTMLButtonElement>('button[aria-label="Dismiss this warning"]')!.click()
    await flushPromises()
    expect(alert()).toBeNull()
  })

  it("show main's warning in the user's language, and an older warning without a key in main's English", async () => {
    const problem = 'Unexpected token } in JSON at position 12'
    const keyed: DataWarning = {
      ...warning('w1', `The settings file could not be used (${problem}). It was kept as ${KEPT}; ...`),
      text: errorText('settingsKeptAside', 'The settings file could not be used', { problem, keptAs: KEPT }),
    }
    const old = warning('w2', 'The history file could not be used (it is damaged).')
    const main = new FakeMain({ ...baseHandlers(), 'app.info': () => ({ ...APP_INFO, warnings: [keyed, old] }) })
    wrapper = await mountWithMain(DataWarnings, main)
    const lines = () => [...document.querySelectorAll('.data-warning p')].map((line) => line.textContent)

    i18n.global.locale.value = 'zh-CN'
    await nextTick()
    expect(lines()).toEqual([
      `设置文件无法使用（${problem}）。原文件已另存为 ${KEPT}；受影响的设置已恢复默认值。`,
      'The history file could not be used (it is damaged).',
    ])
    i18n.global.locale.value = 'en-US'
    await nextTick()
    expect(lines()[0]).toBe(
      `The settings file could not be used (${problem}). It was kept as ${KEPT}; the affected settings are back to their defaults.`,
    )
  })
})
