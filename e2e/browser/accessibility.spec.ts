import { expect as baseExpect, test, type Page } from '@playwright/test'
import en from '../../src-renderer/src/i18n/en-US'
import enLater from '../../src-renderer/src/i18n/en-US-later'
import zh from '../../src-renderer/src/i18n/zh-CN'
import zhLater from '../../src-renderer/src/i18n/zh-CN-later'
import { wcagViolations } from '../fixtures/axe'
import { startHost, type RunningHost } from '../fixtures/host'
import { rpc } from '../fixtures/rpc'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })

// WCAG 2.1 AA, checked by axe-core on every view and every dialog, in both themes and both languages. The
// texts come from the console's own message files, so the same steps work in either language.
const MESSAGES = { 'en-US': { ...en, ...enLater }, 'zh-CN': { ...zh, ...zhLater } } as const
const SCHEMES = ['light', 'dark'] as const
const SANDBOX = 'local-sandbox'
const PRODUCTION_NAME = 'Production twin'

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]))

// The four combinations run side by side, each worker on a host of its own.
test.describe.configure({ mode: 'parallel' })

let host: RunningHost
let productionId = ''
let sent = 0
test.beforeAll(async () => {
  host = await startHost()
  const info = (await rpc(host, 'app.info')) as { emulatorUrl: string }
  const production = (await rpc(host, 'profiles.create', {
    fields: { name: PRODUCTION_NAME, environment: 'production', appHost: info.emulatorUrl, appId: 'local-sandbox-app' },
  })) as { id: string }
  productionId = production.id
  // A history with every kind of row: success, business failure, HTTP failure, dropped connection, bad body.
  for (const phoneNumber of ['13800138000', '10000000400', '10000009004', '10000009003', '10000009005']) {
    await rpc(host, 'sms.send', {
      profileId: SANDBOX,
      channel: 'CHANNEL_LOGIN',
      phoneNumber,
      phoneCountryCode: '+86',
      note: 'TICKET-1',
    })
  }
})
test.afterAll(async () => {
  await host.stop()
})

/** Every violation on the page as it is now; soft, so one run lists every place that needs a fix. */
async function expectAccessible(page: Page, where: string, scope?: string): Promise<void> {
  expect.soft(await wcagViolations(page, scope), where).toEqual([])
}

/** Opens a dialog, checks it (the page behind it was checked on its own), and closes it with Escape. */
async function checkDialog(page: Page, open: () => Promise<void>, where: string): Promise<void> {
  await open()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expectAccessible(page, where, '[role="dialog"]')
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
}

/** Opens the console in the language the browser asks for, on the sandbox profile. */
async function openConsole(page: Page, locale: keyof typeof MESSAGES): Promise<void> {
  await page.goto(host.url)
  await expect(page.locator('.profile-switcher')).toHaveAttribute('data-environment', 'sandbox')
  await expect(page.locator('html')).toHaveAttribute('lang', locale)
}

for (const scheme of SCHEMES) {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    test.describe(`${scheme}, ${locale}`, () => {
      test.use({ colorScheme: scheme, locale })
      // axe-core takes seconds per check on a busy machine.
      test.describe.configure({ timeout: 240_000 })
      const m = MESSAGES[locale]

      test('Send: a business failure explained, a success cooling down, the production confirmation', async ({
        page,
      }) => {
        await openConsole(page, locale)
        await page.getByRole('button', { name: m.emulator.show }).click()
        await page.getByRole('button', { name: fill(m.emulator.use, { phone: '10000000400' }) }).click()
        await page.getByTestId('send-button').click()
        await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'business-failure')
        await page.getByRole('button', { name: m.raw.show }).click()
        await expectAccessible(page, 'Send, a business failure with its explanation, test numbers and raw exchange')

        const phone = page.getByLabel(m.send.phone, { exact: true })
        sent += 1
        await phone.fill(`1380013${8100 + sent}`)
        await page.getByTestId('send-button').click()
        await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')
        await expect(page.getByTestId('block-reason')).toBeVisible()
        await expectAccessible(page, 'Send, a success and its channel cooling down')

        await rpc(host, 'profiles.setActive', { id: productionId })
        await expect(page.locator('.profile-switcher')).toHaveAttribute('data-environment', 'production')
        await phone.fill(`1391234${5600 + sent}`)
        try {
          await checkDialog(page, () => page.getByTestId('send-button').click(), 'production confirmation')
        } finally {
          await rpc(host, 'profiles.setActive', { id: SANDBOX })
        }
      })

      test('History: the table, an entry, export and clear all', async ({ page }) => {
        await openConsole(page, locale)
        await page.getByRole('tab', { name: m.nav.history }).click()
        const table = page.getByTestId('history-table')
        await expect(table).toContainText('TICKET-1')
        await expectAccessible(page, 'History')
        await checkDialog(
          page,
          () => table.getByRole('button', { name: m.history.details }).first().click(),
          'history detail',
        )
        await checkDialog(page, () => page.getByRole('button', { name: m.history.export }).click(), 'export')
        await checkDialog(page, () => page.getByRole('button', { name: m.history.clear }).click(), 'clear all')
      })

      test('Settings: profiles, preferences and every profile dialog', async ({ page }) => {
        await openConsole(page, locale)
        await page.getByRole('tab', { name: m.nav.settings }).click()
        await expect(page.getByTestId('keychain-status')).not.toBeEmpty()
        await expectAccessible(page, 'Settings')
        const named = (template: string) =>
          page.getByRole('button', { name: fill(template, { name: PRODUCTION_NAME }) })
        await checkDialog(page, () => page.getByRole('button', { name: m.profiles.create }).click(), 'new profile')
        await checkDialog(page, () => named(m.profiles.editOf).click(), 'edit profile')
        await checkDialog(page, () => named(m.profiles.credentialsOf).click(), 'credentials')
        await checkDialog(page, () => named(m.profiles.deleteOf).click(), 'delete profile')
        await checkDialog(page, () => page.getByRole('button', { name: m.profiles.importButton }).click(), 'import')
      })
    })
  }
}
