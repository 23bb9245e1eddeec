import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect as baseExpect, test, type Page } from '@playwright/test'
import { openHistory } from '../../src-main/history'
import { FIRST_ANSWERS_PATH } from '../../src-main/shared/browser-mode'
import { FIRST_CALLS } from '../../src-main/shared/first-calls'
import { startHost, type RunningHost } from '../fixtures/host'
import { rpc } from '../fixtures/rpc'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })

// One host for the file: the tests follow one support engineer's day, in order, on one data folder.
test.describe.configure({ mode: 'serial' })

let host: RunningHost
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await host.stop()
})

function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

/** Picks a choice of a Naive UI radio group by its visible text (the label wraps the hidden radio). */
const choose = (page: Page, text: string) => page.locator('label.n-radio-button', { hasText: text }).click()

/** Sum of the body background's red, green and blue: 0 is black, 765 white. */
const brightness = async (page: Page) => {
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  return (background.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, value) => sum + Number(value), 0)
}

const secondsOf = async (page: Page, channel: string) =>
  Number(/\d+/.exec((await page.locator(`[data-channel="${channel}"] [data-state]`).textContent()) ?? '')?.[0])

test('the window asks main for its first screen in one request, and for none of it again', async ({ page }) => {
  const posted: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST') posted.push(new URL(request.url()).pathname)
  })
  await page.goto(host.url)
  await expect(page.locator('.profile-switcher')).toContainText('Local sandbox')
  await expect(page.getByTestId('send-button')).toBeVisible()
  // Past the window's idle work (the team status, the later texts), which asks for other things.
  await page.waitForLoadState('networkidle')
  expect(posted.filter((path) => path === FIRST_ANSWERS_PATH)).toHaveLength(1)
  for (const name of FIRST_CALLS) expect(posted).not.toContain(`/rpc/${name}`)
})

test('a send through the embedded emulator: result, cooldown countdown, history, filter, language and theme', async ({
  page,
}) => {
  const errors = collectErrors(page)
  await page.goto(host.url)

  await expect(page.locator('.profile-switcher')).toHaveAttribute('data-environment', 'sandbox')
  await expect(page.locator('.profile-switcher')).toContainText('Local sandbox')

  const phone = page.getByLabel('Phone number')
  await expect(page.getByLabel('Country code')).toBeVisible()
  await expect(page.locator('.send-view__country')).toContainText('+86')
  await phone.fill('1380013')
  await expect(page.getByTestId('send-button')).toBeDisabled()
  await expect(page.getByTestId('block-reason')).toContainText('not valid for China (+86)')
  await phone.fill('13800138000')
  await expect(page.getByText('Valid number for China (+86).')).toBeVisible()

  await page.getByTestId('send-button').click()
  const result = page.getByTestId('result')
  await expect(result).toHaveAttribute('data-kind', 'success')
  await expect(result).toContainText('GenAuth accepted the SMS.')
  const requestId = (await page.getByTestId('request-id').textContent())!.trim()
  expect(requestId.length).toBeGreaterThan(8)

  await page.getByRole('button', { name: 'Show the raw exchange' }).click()
  await expect(page.getByTestId('raw-request')).toContainText('/api/v3/send-sms')
  await expect(page.getByTestId('raw-response')).toContainText(requestId)

  // The cooldown counts down, second by second, and the Send button says so.
  await expect(page.locator('[data-channel="CHANNEL_LOGIN"] [data-state]')).toHaveAttribute('data-state', 'cooling')
  const before = await secondsOf(page, 'CHANNEL_LOGIN')
  expect(before).toBeGreaterThan(50)
  await expect.poll(() => secondsOf(page, 'CHANNEL_LOGIN'), { timeout: 5000 }).toBeLessThan(before)
  await expect(page.getByTestId('send-button')).toContainText('Cooling down')
  await expect(page.getByTestId('send-button')).toBeDisabled()
  await expect(page.locator('[data-channel="CHANNEL_REGISTER"] [data-state]')).toHaveAttribute('data-state', 'free')

  // The entry is in the history without a reload, and the filters find it.
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.getByTestId('history-table')).toContainText(requestId)
  await expect(page.getByTestId('history-table')).toContainText('+86 138****8000')
  const search = page.getByLabel('Phone or request ID')
  await search.fill('no-such-request-id')
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 0')
  await search.fill(requestId)
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 1')
  await expect(page.getByTestId('history-table')).toContainText(requestId)
  await search.fill('')

  await page
    .getByRole('button', { name: /^Details of entry/ })
    .first()
    .click()
  await expect(page.getByTestId('history-detail')).toContainText(requestId)
  await expect(page.getByTestId('detail-phone')).toContainText('138****8000')
  await page.getByTestId('history-detail').getByRole('button', { name: 'Reveal' }).click()
  await expect(page.getByTestId('detail-phone')).toContainText('13800138000')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('history-detail')).toBeHidden()

  // A send made on the Send tab appears in the open history by itself.
  await page.getByRole('tab', { name: 'Send' }).click()
  await phone.fill('13800138001')
  await page.getByTestId('send-button').click()
  // The new result replaces the old one when the answer arrives: wait for it before reading.
  await expect(page.getByTestId('request-id')).not.toHaveText(requestId)
  const second = (await page.getByTestId('request-id').textContent())!.trim()
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.getByTestId('history-table')).toContainText(second)
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 2')

  // Language and theme apply at once, and persist.
  await page.getByRole('tab', { name: 'Settings' }).click()
  await choose(page, '简体中文')
  await expect(page.getByRole('heading', { name: 'GenAuth 短信控制台' })).toBeVisible()
  await expect(page.getByRole('tab', { name: '设置' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')

  await choose(page, '深色')
  await expect.poll(() => page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark')
  // The page itself turns dark (after Naive UI's colour transition), not only the colour scheme flag.
  await expect.poll(() => brightness(page)).toBeLessThan(150)

  await page.reload()
  await expect(page.getByRole('tab', { name: '发送' })).toBeVisible()
  await expect.poll(() => page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark')
  await page.getByRole('tab', { name: '设置' }).click()
  await choose(page, 'English')
  await page.locator('label.n-radio-button', { hasText: 'Follow the system' }).nth(1).click()
  await expect.poll(() => page.evaluate(() => document.documentElement.style.colorScheme)).toBe('light')
  await expect.poll(() => brightness(page)).toBeGreaterThan(600)
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeVisible()

  expect(errors).toEqual([])
})

test('an emulator scenario answers a business failure, explained from the catalog', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Show test numbers' }).click()
  await page.getByRole('button', { name: 'Use test number 10000000400' }).click()
  await expect(page.getByLabel('Phone number')).toHaveValue('10000000400')
  // Reserved numbers are accepted on the sandbox as they are, with no "send anyway".
  await expect(page.getByText('Send anyway: I know the number looks invalid')).toHaveCount(0)
  await page.getByTestId('send-button').click()

  const result = page.getByTestId('result')
  await expect(result).toHaveAttribute('data-kind', 'business-failure')
  await expect(page.getByTestId('status-code')).toContainText('InvalidArgumentError')
  await expect(page.getByTestId('status-code')).toContainText('Next step:')
})

test('a reserved number on the sandbox can be sent again at once: it never cools down', async ({ page }) => {
  await page.goto(host.url)
  await page.getByLabel('Phone number').fill('10000000200')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')
  const first = (await page.getByTestId('request-id').textContent())!.trim()
  await expect(page.locator('[data-channel="CHANNEL_LOGIN"] [data-state]')).toHaveAttribute('data-state', 'free')

  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('request-id')).not.toHaveText(first)
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')
})

test('the form works from the keyboard alone, Ctrl+Enter sending', async ({ page }) => {
  await page.goto(host.url)
  await page.getByLabel('Phone number').focus()
  await page.keyboard.type('+8613800138002')
  await expect(page.getByLabel('Phone number')).toHaveValue('13800138002')
  await expect(page.getByTestId('split-notice')).toContainText('+86')
  // Tab walks the form in reading order.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Show test numbers' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('User access token')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Show', exact: true })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Note')).toBeFocused()
  await page.keyboard.type('TICKET-7')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')

  // The channel select picks from the keyboard by typing a channel's name, reached with Tab from the tabs.
  await page.getByRole('tab', { name: 'Send' }).focus()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Channel', { exact: true })).toBeFocused()
  await page.keyboard.type('reset')
  await expect(page.locator('.send-view__form')).toContainText('CHANNEL_RESET_PASSWORD')
  await expect(page.locator('.send-view__form')).toContainText('Code for resetting a forgotten password by phone.')

  // The tabs follow the arrow keys.
  await page.getByRole('tab', { name: 'Send' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'History' })).toBeFocused()
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('history-table')).toContainText('TICKET-7')
})

test('a production profile asks for confirmation, showing the app ID, channel and masked phone', async ({ page }) => {
  const info = (await rpc(host, 'app.info')) as { emulatorUrl: string }

  await page.goto(host.url)
  await page.getByRole('tab', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'New profile' }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('Name').fill('Emulator as production')
  await editor.locator('label.n-radio-button', { hasText: 'Production' }).click()
  await editor.getByLabel('Application host').fill(info.emulatorUrl)
  await editor.getByLabel('App ID').fill('local-sandbox-app')
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('profiles-table')).toContainText('Emulator as production')

  await page.getByLabel('Profile', { exact: true }).selectOption({ label: 'Emulator as production' })
  await expect(page.locator('.profile-switcher')).toHaveAttribute('data-environment', 'production')

  await page.getByRole('tab', { name: 'Send' }).click()
  await page.getByLabel('Phone number').fill('13912345678')
  await expect(page.getByTestId('send-button')).toContainText('Send to production')
  await page.getByTestId('send-button').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('local-sandbox-app')
  await expect(dialog).toContainText('CHANNEL_LOGIN')
  await expect(dialog).toContainText('+86 139****5678')
  await dialog.getByRole('button', { name: 'Send now' }).click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')

  await page.getByLabel('Profile', { exact: true }).selectOption({ label: 'Local sandbox' })
  await expect(page.locator('.profile-switcher')).toHaveAttribute('data-environment', 'sandbox')
})

test('every field is named by its visible label', async ({ page }) => {
  await page.goto(host.url)
  for (const label of ['Profile', 'Channel', 'Country code', 'Phone number', 'User access token', 'Note']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveCount(1)
  }
  await page.getByRole('tab', { name: 'History' }).click()
  for (const label of ['Phone or request ID', 'Channel', 'Outcome', 'statusCode', 'apiCode', 'From', 'To']) {
    await expect(page.locator('#panel-history').getByLabel(label, { exact: true })).toHaveCount(1)
  }
})

test('profiles: duplicate, edit, export, import and delete', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('tab', { name: 'Settings' }).click()
  const table = page.getByTestId('profiles-table')
  await expect(table).toContainText('Emulator as production')

  await table.getByRole('button', { name: 'Duplicate Emulator as production' }).click()
  await expect(table).toContainText('Emulator as production (copy)')

  await table.getByRole('button', { name: 'Edit Emulator as production (copy)' }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('Name').fill('Staging twin')
  await editor.locator('label.n-radio-button', { hasText: 'Staging' }).click()
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(table).toContainText('Staging twin')
  await expect(table.locator('tr', { hasText: 'Staging twin' }).locator('[data-environment]')).toHaveAttribute(
    'data-environment',
    'staging',
  )

  // The built-in sandbox keeps its host and environment.
  await table.getByRole('button', { name: 'Edit Local sandbox' }).click()
  await expect(page.getByRole('dialog').getByLabel('Application host')).toBeDisabled()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(table.getByRole('button', { name: 'Delete Local sandbox' })).toHaveCount(0)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  const exported = readFileSync((await (await download).path())!, 'utf8')
  expect(exported).toContain('Staging twin')
  expect(exported).not.toContain('Local sandbox')

  await table.getByRole('button', { name: 'Delete Staging twin' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(table).not.toContainText('Staging twin')

  await page.getByRole('button', { name: 'Import…' }).click()
  const importer = page.getByRole('dialog')
  await importer.getByLabel('Profiles JSON (as exported by this console)').fill('{ not json')
  await importer.getByRole('button', { name: 'Import' }).click()
  await expect(importer.getByRole('alert')).toBeVisible()
  await importer.getByLabel('Profiles JSON (as exported by this console)').fill(exported)
  await importer.getByRole('button', { name: 'Import' }).click()
  await expect(page.getByText('Imported 2 profiles.')).toBeVisible()
  await expect(table).toContainText('Staging twin')
  await expect(table).toContainText('Emulator as production (imported)')
})

test('credentials are stored in the keychain and only their presence is shown', async ({ page }) => {
  const status = await rpc(host, 'keychain.status')
  test.skip(!(status as { available: boolean }).available, 'needs a Secret Service: run under scripts/with-keyring.sh')

  await page.goto(host.url)
  await page.getByRole('tab', { name: 'Settings' }).click()
  await expect(page.getByTestId('keychain-status')).toContainText('The keychain is available.')
  const table = page.getByTestId('profiles-table')
  await table.getByRole('button', { name: 'Credentials of Staging twin' }).click()
  const dialog = page.getByRole('dialog')
  const secret = dialog.locator('[data-kind="appSecret"]')
  await expect(secret).toContainText('not stored')
  await dialog.getByLabel('App Secret').fill('s3cr3t-value-for-e2e')
  await secret.getByRole('button', { name: 'Store' }).click()
  await expect(secret).toContainText('stored')
  await expect(dialog.getByLabel('App Secret')).toHaveValue('')
  await expect(page.locator('body')).not.toContainText('s3cr3t-value-for-e2e')
  await secret.getByRole('button', { name: 'Remove' }).click()
  await expect(secret).toContainText('not stored')
})

test('the filtered history exports with masked or full phones, and clears after confirmation', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('tab', { name: 'History' }).click()
  await page.getByLabel('Phone or request ID').fill('13800138000')
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 1')

  async function exportAs(format: 'CSV' | 'JSON', reveal: boolean): Promise<{ name: string; content: string }> {
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.locator('label.n-radio-button', { hasText: format }).click()
    if (reveal) await dialog.getByText('Include full phone numbers').click()
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Download' }).click()
    const file = await download
    return { name: file.suggestedFilename(), content: readFileSync((await file.path())!, 'utf8') }
  }

  const masked = await exportAs('CSV', false)
  expect(masked.name).toMatch(/\.csv$/)
  expect(masked.content).toContain('138****8000')
  expect(masked.content).not.toContain('13800138000')
  expect(masked.content).not.toContain('13800138001')
  const full = await exportAs('JSON', true)
  expect(full.name).toMatch(/\.json$/)
  expect(full.content).toContain('13800138000')

  await page.getByRole('button', { name: 'Clear all…' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 1')
  await page.getByRole('button', { name: 'Clear all…' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete everything' }).click()
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 0')
  await page.getByLabel('Phone or request ID').fill('')
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 0')
})

test('retention and the keychain library are saved through settings', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('tab', { name: 'Settings' }).click()
  await page.getByText('Keep at most').click()
  await page.getByLabel('entries', { exact: true }).fill('500')
  await page.getByText('Delete entries older than').click()
  await page.getByRole('button', { name: 'Save retention' }).click()
  await expect(page.getByText('Retention saved.')).toBeVisible()
  expect(await rpc(host, 'settings.get')).toMatchObject({ retentionDays: null, retentionMaxEntries: 500 })

  // Switching the library moves the stored secrets, so main refuses while no keychain is reachable.
  const backend = async () => ((await rpc(host, 'settings.get')) as { keychainBackend: string }).keychainBackend
  const { available } = (await rpc(host, 'keychain.status')) as { available: boolean }
  await page.locator('label.n-radio-button', { hasText: '@napi-rs/keyring' }).click()
  if (available) {
    await expect.poll(backend).toBe('napi-keyring')
    await page.locator('label.n-radio-button', { hasText: 'keytar' }).click()
    await expect.poll(backend).toBe('keytar')
  } else {
    await expect(page.getByTestId('notice').filter({ hasText: 'cannot be reached' })).toBeVisible()
    expect(await backend()).toBe('keytar')
    await expect(page.getByTestId('keychain-status')).toContainText('The keychain is not available')
  }
})

test.describe('a history of 100,000 entries', () => {
  const ENTRIES = 100_000
  let big: RunningHost

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    const dataDir = mkdtempSync(join(tmpdir(), 'genauth-sms-e2e-big-'))
    fillHistory(join(dataDir, 'history.db'), ENTRIES)
    big = await startHost({ dataDir })
  })
  test.afterAll(async () => {
    await big.stop()
    rmSync(big.dataDir, { recursive: true, force: true })
  })

  test('opens at once, scrolls through pages with a few rows in the page, and filters quickly', async ({ page }) => {
    await page.goto(big.url)
    await page.evaluate(() => {
      const durations: number[] = []
      Object.assign(window, { longTasks: durations })
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => durations.push(entry.duration))).observe({
        type: 'longtask',
      })
    })
    const opened = Date.now()
    await page.getByRole('tab', { name: 'History' }).click()
    await expect(page.getByTestId('outcome-counts')).toContainText('Total: 100,000')
    expect(Date.now() - opened).toBeLessThan(5000)

    const scroller = page.locator('[data-testid="history-table"] .v-vl')
    for (let page_ = 0; page_ < 20; page_++) {
      await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
      await page.waitForTimeout(100)
    }
    await expect(page.locator('.history-table__footer')).toContainText(/Showing [\d,]{4,} of 100,000/)
    // Virtual scrolling: thousands of entries loaded, a screenful of rows in the page.
    expect(await page.locator('[data-testid="history-table"] tr.n-data-table-tr').count()).toBeLessThan(60)
    const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks))
    expect(longest).toBeLessThan(1000)

    const filtered = Date.now()
    await page.getByLabel('Phone or request ID').fill('req-4242')
    await expect(page.getByTestId('outcome-counts')).toContainText('Total: 1')
    expect(Date.now() - filtered).toBeLessThan(3000)
    await expect(page.getByTestId('history-table')).toContainText('req-4242')
  })
})

/** Fills a history database through the history store itself, as sends in the last days would have. */
function fillHistory(file: string, entries: number) {
  let now = Date.now() - entries * 1100
  const store = openHistory(file, { clock: () => now })
  for (let index = 0; index < entries; index++) {
    now += 1000
    const id = store.begin({
      profileId: 'local-sandbox',
      profileName: 'Local sandbox',
      environment: 'sandbox',
      appId: 'local-sandbox-app',
      channel: 'CHANNEL_LOGIN',
      phoneCountryCode: '+86',
      phoneNumber: String(13_800_000_000 + index),
      operator: 'bench',
      note: index % 10 === 0 ? `T-${index}` : null,
      cooldownOverride: false,
      validationOverride: false,
    })
    now += 50
    store.complete(id, {
      kind: 'success',
      httpStatus: 200,
      statusCode: 200,
      apiCode: null,
      message: 'ok',
      requestId: `req-${index}`,
      errorCode: null,
      errorMessage: null,
      latencyMs: 50,
      request: { method: 'POST', url: 'http://127.0.0.1/api/v3/send-sms', headers: {}, body: '{}' },
      response: { status: 200, headers: {}, body: '{}' },
    })
  }
  store.close()
}
