import { expect as baseExpect, test, type Page } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'
import { rpc } from '../fixtures/rpc'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })

// The operating system's display preferences: forced colours (Windows high contrast) and reduced motion.
let host: RunningHost
test.beforeAll(async () => {
  host = await startHost()
  // One entry of each kind of outcome the emulator can force quickly.
  for (const phoneNumber of ['10000000200', '10000000400', '10000009004', '10000009003', '10000009005']) {
    await rpc(host, 'sms.send', { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN', phoneNumber })
  }
})
test.afterAll(async () => {
  await host.stop()
})

async function openHistory(page: Page): Promise<void> {
  await page.goto(host.url)
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.locator('[data-testid="history-table"] [data-outcome]')).toHaveCount(5)
}

/** Each outcome tag in the history: its words, the contrast of its text on what is behind it, its border. */
const outcomeTags = (page: Page) =>
  page.locator('[data-testid="history-table"] [data-outcome]').evaluateAll((tags) => {
    const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = (colour: string) => {
      const [r = 0, g = 0, b = 0] = channels(colour).map((value) => {
        const c = value / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    /** The first opaque background at or above the element. */
    const backgroundOf = (element: Element | null): string => {
      for (let current = element; current; current = current.parentElement) {
        const colour = getComputedStyle(current).backgroundColor
        if ((channels(colour)[3] ?? 1) > 0) return colour
      }
      return 'rgb(255, 255, 255)'
    }
    return tags.map((tag) => {
      const style = getComputedStyle(tag)
      const [lighter, darker] = [luminance(style.color), luminance(backgroundOf(tag))].sort((a, b) => b - a)
      return {
        outcome: tag.getAttribute('data-outcome'),
        words: tag.textContent?.trim() ?? '',
        contrast: (lighter! + 0.05) / (darker! + 0.05),
        border: style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1,
      }
    })
  })

test.describe('forced colours', () => {
  test.use({ forcedColors: 'active' })

  test('outcome tags keep their words, a readable contrast and a border', async ({ page }) => {
    await openHistory(page)
    const tags = await outcomeTags(page)
    expect(tags.map((tag) => tag.words).sort()).toEqual(
      ['Business failure', 'HTTP failure', 'Network failure', 'Success', 'Unreadable answer'].sort(),
    )
    for (const tag of tags) {
      expect(tag.contrast, `${tag.outcome} text on its background`).toBeGreaterThanOrEqual(4.5)
      expect(tag.border, `${tag.outcome} has a border`).toBe(true)
    }
  })
})

test.describe('status in words', () => {
  test('every outcome tag says its outcome, whatever its colour', async ({ page }) => {
    await openHistory(page)
    for (const tag of await outcomeTags(page)) expect(tag.words.length, `${tag.outcome} has words`).toBeGreaterThan(3)
  })
})

/** Computed transition and animation durations, in seconds, of a few moving parts of the console. */
const durations = (page: Page) =>
  page.evaluate(() => {
    const selectors = ['.n-button', '.app-tabs__tab', '.n-tag', '.n-input', '.n-base-selection', '.n-data-table-td']
    return selectors.map((selector) => {
      const element = document.querySelector(selector)
      if (!element) return { selector, found: false, longest: 0 }
      const style = getComputedStyle(element)
      const seconds = (value: string) =>
        value.split(',').map((part) => parseFloat(part) * (part.includes('ms') ? 0.001 : 1))
      const all = [...seconds(style.transitionDuration), ...seconds(style.animationDuration)]
      return { selector, found: true, longest: Math.max(...all) }
    })
  })

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' })

  test('turns every transition and animation off', async ({ page }) => {
    await openHistory(page)
    const measured = await durations(page)
    expect(measured.filter((entry) => !entry.found)).toEqual([])
    for (const entry of measured) expect(entry.longest, entry.selector).toBe(0)
  })
})

test.describe('without a motion preference', () => {
  test.use({ reducedMotion: 'no-preference' })

  test('the same parts do move, so the check above can fail', async ({ page }) => {
    await openHistory(page)
    const moving = (await durations(page)).filter((entry) => entry.longest > 0).map((entry) => entry.selector)
    expect(moving).toEqual(expect.arrayContaining(['.n-button', '.n-tag', '.n-input']))
  })
})
