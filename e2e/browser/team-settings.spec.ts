import { expect as baseExpect, test } from '@playwright/test'
import en from '../../src-renderer/src/i18n/en-US'
import enLater from '../../src-renderer/src/i18n/en-US-later'
import zh from '../../src-renderer/src/i18n/zh-CN'
import zhLater from '../../src-renderer/src/i18n/zh-CN-later'
import { wcagViolations } from '../fixtures/axe'
import { startHost, type RunningHost } from '../fixtures/host'
import { freePort } from '../../tests/shared/free-port'

// Lazy views load their chunk on first use, and axe-core takes seconds: allow for a busy machine.
const expect = baseExpect.configure({ timeout: 15_000 })

const MESSAGES = { 'en-US': { ...en, ...enLater }, 'zh-CN': { ...zh, ...zhLater } } as const
const PASSWORD = 'pw-typed-for-the-test'

let host: RunningHost
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await host.stop()
})

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(locale, () => {
    test.use({ locale })
    test.describe.configure({ timeout: 120_000 })
    const m = MESSAGES[locale]

    test('a team database on a closed port tests as unreachable, by keyboard, and the password is not shown back', async ({
      page,
    }) => {
      // Free a moment ago, so nothing answers there.
      const port = await freePort()
      await page.goto(host.url)
      await expect(page.locator('html')).toHaveAttribute('lang', locale)
      await page.getByRole('tab', { name: m.nav.settings }).click()
      const section = page.getByRole('region', { name: m.team.title })
      await expect(section.getByRole('status').first()).toContainText(m.team.none)

      await section.getByLabel(m.team.host, { exact: true }).fill('127.0.0.1')
      await section.getByLabel(m.team.port, { exact: true }).fill(String(port))
      await section.getByLabel(m.team.database, { exact: true }).fill('sms')
      await section.getByLabel(m.team.user, { exact: true }).fill('sms_console')
      const password = section.getByLabel(m.team.password, { exact: true })
      await password.fill(PASSWORD)
      // Enter in the form runs the test, as the "Test connection" button does.
      await password.press('Enter')

      const result = section.getByTestId('team-state')
      await expect(result).toContainText(`${m.team.testResult}: ${m.team.state.unreachable}`)
      await expect(result).toContainText(`postgres://sms_console@127.0.0.1:${port}/sms?sslmode=disable`)
      // The typed password stays in its masked field only; no text on the page repeats it.
      await expect(password).toHaveAttribute('type', 'password')
      expect(await page.locator('body').innerText()).not.toContain(PASSWORD)
      // Nothing was saved: the header shows no Team badge, and team mode is still off.
      await expect(page.getByTestId('team-badge')).toHaveCount(0)
      await expect(section.getByRole('status').first()).toContainText(m.team.none)

      expect(await wcagViolations(page, 'section[aria-labelledby="team-title"]')).toEqual([])
    })
  })
}
