import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { lazyComponent } from '../../src-renderer/src/lib/lazy-component'
import { baseHandlers, FakeMain } from './support/fake-main'
import { mountWithMain } from './support/mount'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

const Loaded = defineComponent({ setup: () => () => h('p', { 'data-testid': 'loaded' }, 'the view') })
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a part loaded on first use', () => {
  it('tells screen readers it is loading while its chunk is slow, then shows the part', async () => {
    let finish: (module: { default: typeof Loaded }) => void = () => undefined
    const Lazy = lazyComponent(() => new Promise<{ default: typeof Loaded }>((resolve) => (finish = resolve)))
    wrapper = await mountWithMain(Lazy, new FakeMain(baseHandlers()))

    await pause(300)
    const status = document.querySelector('[role="status"]')
    expect(status?.textContent).toBe('Loading…')

    finish({ default: Loaded })
    await flushPromises()
    expect(document.querySelector('[data-testid="loaded"]')?.textContent).toBe('the view')
    expect(document.querySelector('[data-testid="loading"]')).toBeNull()
  })

  it('says why when its chunk cannot load, instead of leaving a gap', async () => {
    const Lazy = lazyComponent<typeof Loaded>(() =>
      Promise.reject(new Error('Failed to fetch dynamically imported module')),
    )
    wrapper = await mountWithMain(Lazy, new FakeMain(baseHandlers()))
    await flushPromises()

    const alert = document.querySelector('[role="alert"]')
    expect(alert?.textContent).toContain('This part of the console could not load')
    expect(alert?.textContent).toContain('Failed to fetch dynamically imported module')
  })
})
