import { mkdirSync } from 'node:fs'
import { expect as baseExpect, test, type Page } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })

// Screenshots of each main screen, light and dark, at the smallest and a large supported window size.
// CI keeps artifacts/, so a reviewer can look at the console without running it.
const OUT = 'artifacts/screenshots'
const SIZES = [
  { width: 900, height: 600 },
  { width: 1920, height: 1080 },
]
const SCHEMES = ['light', 'dark'] as const

let host: RunningHost
let sent = 0
test.beforeAll(async () => {
  host = await startHost()
  mkdirSync(OUT, { recursive: true })
})
test.afterAll(async () => {
  await host.stop()
})

/** Nothing wider than the window: a layout that breaks shows up as a horizontal scrollbar. */
async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

for (const scheme of SCHEMES) {
  for (const size of SIZES) {
    test.describe(`${scheme}, ${size.width}x${size.height}`, () => {
      test.use({ viewport: size, colorScheme: scheme })
      test('send, history and settings', async ({ page }) => {
        const name = (screen: string) => `${OUT}/${screen}-${scheme}-${size.width}x${size.height}.png`
        await page.goto(host.url)

        // A different number for every screenshot: the last one's is cooling down.
        sent += 1
        await page.getByLabel('Phone number').fill(`1380013${String(8000 + sent)}`)
        await page.getByLabel('Note').fill(`TICKET-${1000 + sent}`)
        await page.getByTestId('send-button').click()
        await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')
        await page.getByRole('button', { name: 'Show the raw exchange' }).click()
        await expect.poll(() => page.evaluate(() => document.documentElement.style.colorScheme)).toBe(scheme)
        await expectNoHorizontalOverflow(page)
        await page.screenshot({ path: name('send'), fullPage: true })

        await page.getByRole('tab', { name: 'History' }).click()
        await expect(page.getByTestId('history-table')).toContainText(`TICKET-${1000 + sent}`)
        await expectNoHorizontalOverflow(page)
        await page.screenshot({ path: name('history'), fullPage: true })

        await page.getByRole('tab', { name: 'Settings' }).click()
        await expect(page.getByTestId('keychain-status')).not.toBeEmpty()
        await expectNoHorizontalOverflow(page)
        await page.screenshot({ path: name('settings'), fullPage: true })
      })
    })
  }
}
