import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect as baseExpect, test } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })
const run = promisify(execFile)

let host: RunningHost
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await host.stop()
})

test('a failed send copied as cURL gives the same answer when run in a shell', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Show test numbers' }).click()
  await page.getByRole('button', { name: 'Use test number 10000000404' }).click()
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'business-failure')
  const message = (await page.getByTestId('message').textContent())?.trim()

  await page.getByRole('button', { name: 'Show the raw exchange' }).click()
  await page.getByTestId('copy-curl').click()
  await expect(page.getByText('Copied')).toBeVisible()
  const curl = await page.evaluate(() => navigator.clipboard.readText())
  expect(curl).toMatch(/^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/v3\/send-sms'/)

  // The host's embedded emulator is still running: the copied command reaches it from a shell.
  const { stdout } = await run('sh', ['-c', curl], { env: { PATH: process.env.PATH } })
  const answer = JSON.parse(stdout) as { statusCode: number; apiCode: number; message: string }
  expect({ statusCode: answer.statusCode, apiCode: answer.apiCode, message: answer.message }).toEqual({
    statusCode: 404,
    apiCode: 2004,
    message,
  })
  await expect(page.getByTestId('status-code')).toContainText('404')
  await expect(page.getByTestId('api-code')).toContainText('2004')

  await page.getByTestId('copy-code').click()
  await page.getByText('Python (authing)').click()
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('client.send_sms(')
})

test('an HTTP 502 with an HTML page shows what it usually means and what to check', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Show test numbers' }).click()
  await page.getByRole('button', { name: 'Use test number 10000009004' }).click()
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'http-failure')
  await expect(page.getByTestId('failure-advice')).toContainText('HTML page')
  await expect(page.getByTestId('failure-advice')).toContainText('Next step:')
})

test('a profile with host presets and "GenAuth only" headers sends only the x-genauth- family', async ({ page }) => {
  const info = (await (
    await fetch(`${host.origin}/rpc/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': host.token },
      body: '{}',
    })
  ).json()) as { value: { emulatorUrl: string } }
  const emulatorUrl = info.value.emulatorUrl

  await page.goto(host.url)
  await page.getByRole('tab', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'New profile' }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('Name').fill('GenAuth headers only')
  await editor.getByLabel('Application host').fill('https://acme.genauth.ai')
  await editor.locator('label.n-radio-button', { hasText: 'Authing (China)' }).click()
  await expect(editor.getByLabel('Application host')).toHaveValue('https://acme.authing.cn')
  await editor.getByLabel('Application host').fill(emulatorUrl)
  await editor.getByLabel('App ID').fill('local-sandbox-app')
  await editor.locator('label.n-radio-button', { hasText: 'GenAuth only' }).click()
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('profiles-table')).toContainText('GenAuth headers only')

  await page.getByRole('tab', { name: 'Send' }).click()
  await page.getByLabel('Profile', { exact: true }).selectOption({ label: 'GenAuth headers only' })
  await page.getByLabel('Phone number').fill('13900139000')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')

  await page.getByRole('button', { name: 'Show the raw exchange' }).click()
  await expect(page.getByTestId('raw-request')).toContainText('x-genauth-app-id: local-sandbox-app')
  await expect(page.getByTestId('raw-request')).not.toContainText('x-authing-')
  // In browser mode the emulator's control routes take the token of the printed URL.
  const log = (await (
    await fetch(`${emulatorUrl}/__emulator/requests`, { headers: { 'x-emulator-token': host.token } })
  ).json()) as { requests: Array<{ appIdHeader: string | null; headers: Record<string, string> }> }
  const last = log.requests.at(-1)
  expect(last?.appIdHeader).toBe('x-genauth-app-id')
  expect(Object.keys(last?.headers ?? {}).filter((name) => name.startsWith('x-authing-'))).toEqual([])
})
