import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'
import { rpc } from '../fixtures/rpc'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })

// A support agent who works without a mouse: every step below is a key press. The page is only read.
test.describe.configure({ mode: 'serial', timeout: 300_000 })
test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

let host: RunningHost
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await host.stop()
})

/**
 * Where focus is after a key press: whether it is on (or inside) `target`, and whether it can be seen there (an
 * outline or a box shadow on the focused element or, for Naive UI's text fields and selects, on the border their
 * wrapper draws around the focused input).
 */
const focusOn = (target: Locator) =>
  target.evaluate((element) => {
    const focused = document.activeElement
    const shows = (candidate: Element) => {
      const style = getComputedStyle(candidate)
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      return outline || style.boxShadow !== 'none'
    }
    const field = focused?.closest('.n-input, .n-base-selection')
    const borders = field ? [...field.querySelectorAll(':scope > [class$="__state-border"]')] : []
    return {
      reached: !!focused && (element === focused || element.contains(focused)),
      visible: !!focused && focused !== document.body && (shows(focused) || borders.some(shows)),
      html: focused?.outerHTML.slice(0, 160) ?? 'nothing',
    }
  })

/** Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focus can be seen. */
async function tabTo(page: Page, target: Locator, { back = false, limit = 60 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    const focus = await focusOn(target)
    expect(focus.visible, `focus is visible on ${focus.html}`).toBe(true)
    if (focus.reached) return
  }
  throw new Error(`${target.toString()} not reached with ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`)
}

const focusIsIn = (locator: Locator) => locator.evaluate((element) => element.contains(document.activeElement))

test('send, read the result, copy its requestId, find it in the history, open it, create a profile', async ({
  page,
}) => {
  await page.goto(host.url)
  await expect(page.locator('.profile-switcher')).toHaveAttribute('data-environment', 'sandbox')

  // Send on the sandbox profile.
  await tabTo(page, page.getByLabel('Phone number', { exact: true }))
  await page.keyboard.type('13800138050')
  await tabTo(page, page.getByTestId('send-button'))
  await page.keyboard.press('Enter')

  // Read the result: on the page, and once in the live region.
  const result = page.getByTestId('result')
  await expect(result).toHaveAttribute('data-kind', 'success')
  await expect(result).toContainText('GenAuth accepted the SMS.')
  await expect(page.getByTestId('announcer')).toHaveText(/^Success: GenAuth accepted the SMS\./)
  const requestId = (await page.getByTestId('request-id').textContent())!.trim()

  // Copy the requestId.
  await tabTo(page, result.getByRole('button', { name: 'Copy the request ID' }))
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(requestId)

  // Open the history: back to the tabs, then the arrow keys.
  await tabTo(page, page.getByRole('tab', { name: 'Send' }), { back: true })
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'History' })).toBeFocused()
  const table = page.getByTestId('history-table')
  await expect(table).toContainText(requestId)

  // Filter it by that requestId.
  await tabTo(page, page.getByLabel('Phone or request ID'))
  await page.keyboard.type(requestId)
  await expect(page.getByLabel('Phone or request ID')).toHaveValue(requestId)
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 1')

  // Open the entry: focus moves into the drawer, Esc closes it, focus returns to the button that opened it.
  const details = table.getByRole('button', { name: /^Details of entry/ })
  await tabTo(page, details)
  await page.keyboard.press('Enter')
  const drawer = page.getByRole('dialog')
  await expect(page.getByTestId('history-detail')).toContainText(requestId)
  await expect.poll(() => focusIsIn(drawer)).toBe(true)
  await page.keyboard.press('Escape')
  await expect(drawer).toHaveCount(0)
  await expect(details).toBeFocused()

  // Create a profile in Settings.
  await tabTo(page, page.getByRole('tab', { name: 'History' }), { back: true })
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused()
  const create = page.getByRole('button', { name: 'New profile' })
  // Settings loads on first use: a user tabs on once it shows.
  await expect(create).toBeVisible()
  await tabTo(page, create)
  await page.keyboard.press('Enter')
  const editor = page.getByRole('dialog')
  await expect(editor).toBeVisible()
  await expect.poll(() => focusIsIn(editor)).toBe(true)
  await tabTo(page, editor.getByLabel('Name'))
  await page.keyboard.type('Keyboard staging')
  await tabTo(page, editor.getByLabel('Application host'))
  await page.keyboard.type('https://keyboard.genauth.ai')
  await tabTo(page, editor.getByLabel('App ID'))
  await page.keyboard.type('kbd-app')
  await tabTo(page, editor.getByRole('button', { name: 'Save' }))
  await page.keyboard.press('Enter')
  await expect(editor).toHaveCount(0)
  await expect(page.getByTestId('profiles-table')).toContainText('Keyboard staging')
  await expect(create).toBeFocused()

  // Esc closes a dialog without saving, and focus goes back to its opener.
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(create).toBeFocused()
})

test('the history table scrolls and pages from the keyboard', async ({ page }) => {
  // More entries than one page of the history (200), sent to the sandbox's never-throttled number: one send
  // per channel at a time, since a second send to the same number and channel waits for the first, and past
  // the console's own cooldown.
  const channels = (await rpc(host, 'app.info')) as { channels: string[] }
  for (let sent = 0; sent < 230; sent += channels.channels.length) {
    await Promise.all(
      channels.channels.map((channel) =>
        rpc(host, 'sms.send', {
          profileId: 'local-sandbox',
          channel,
          phoneNumber: '10000000200',
          overrideCooldown: true,
        }),
      ),
    )
  }

  await page.goto(host.url)
  await tabTo(page, page.getByRole('tab', { name: 'Send' }))
  await page.keyboard.press('ArrowRight')
  const footer = page.locator('.history-table__footer')
  await expect(footer).toContainText(/Showing 200 of 2[34]\d/)

  const region = page.getByRole('region', { name: 'History entries' })
  await tabTo(page, region)
  const scrollTop = () => region.evaluate((element) => element.scrollTop)
  await page.keyboard.press('ArrowDown')
  await expect.poll(scrollTop).toBeGreaterThan(0)
  const afterArrow = await scrollTop()
  await page.keyboard.press('PageDown')
  await expect.poll(scrollTop).toBeGreaterThan(afterArrow + 100)
  // The end of the list loads the next page, as scrolling with the mouse does.
  await page.keyboard.press('End')
  await expect(footer).toContainText(/Showing (2[34]\d) of \1/)
  await page.keyboard.press('Home')
  await expect.poll(scrollTop).toBe(0)
})
