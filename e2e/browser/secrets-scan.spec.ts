import { randomUUID } from 'node:crypto'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { scanBytes, scanFolder, type SecretHit } from '../../tests/shared/secret-scan'
import { startHost, type RunningHost } from '../fixtures/host'

// The first test drives the app with a trace recorded; the second reads that trace once it is written.
test.describe.configure({ mode: 'serial' })
test.use({ trace: 'on' })

const KEYCHAIN_REACHABLE = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)
const stored = { appSecret: `app-secret-${randomUUID()}`, storedToken: `stored-token-${randomUUID()}` }
const typed = { sendToken: `send-token-${randomUUID()}` }

let host: RunningHost
let drivenOutputDir = ''

async function rpc(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const response = await fetch(`${host.origin}/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-token': host.token },
    body: JSON.stringify(input),
  })
  return (await response.json()) as { ok: boolean; value?: unknown }
}

/** Every response body the page received, except the never-ending event stream. */
function collectResponses(page: Page): Array<Promise<Buffer>> {
  const bodies: Array<Promise<Buffer>> = []
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/events') return
    bodies.push(response.body().catch(() => Buffer.alloc(0)))
  })
  return bodies
}

test.beforeAll(async () => {
  test.skip(!KEYCHAIN_REACHABLE, 'no D-Bus session, so no Secret Service: run through scripts/with-keyring.sh')
  host = await startHost()
  // The secrets are stored from outside the browser, so nothing the browser saw can carry them legitimately.
  expect(
    (await rpc('profiles.setSecret', { id: 'local-sandbox', kind: 'appSecret', value: stored.appSecret })).ok,
  ).toBe(true)
  expect(
    (await rpc('profiles.setSecret', { id: 'local-sandbox', kind: 'accessToken', value: stored.storedToken })).ok,
  ).toBe(true)
})

test.afterAll(async () => {
  if (!host) return
  await rpc('profiles.setSecret', { id: 'local-sandbox', kind: 'accessToken', value: null })
  await rpc('profiles.setSecret', { id: 'local-sandbox', kind: 'appSecret', value: null })
  await host.stop()
})

test('sends, history and settings show no secret to the browser', async ({ page }, testInfo: TestInfo) => {
  drivenOutputDir = testInfo.outputDir
  const responses = collectResponses(page)
  const consoleLines: string[] = []
  page.on('console', (message) => consoleLines.push(message.text()))
  const snapshots: string[] = []
  await page.goto(host.url)

  const phone = page.getByLabel('Phone number')
  await phone.fill('13800138000')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')
  await page.getByRole('button', { name: 'Show the raw exchange' }).click()
  await expect(page.getByTestId('raw-request')).toContainText('[redacted]')
  snapshots.push(await page.content())

  await page.getByRole('button', { name: 'Show test numbers' }).click()
  await page.getByRole('button', { name: 'Use test number 10000009004' }).click()
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'http-failure')
  snapshots.push(await page.content())

  await phone.fill('13800138001')
  await page.getByLabel('User access token').fill(typed.sendToken)
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'success')
  await page.getByLabel('User access token').fill('')
  snapshots.push(await page.content())

  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.getByTestId('outcome-counts')).toContainText('Total: 3')
  await page
    .getByRole('button', { name: /^Details of entry/ })
    .first()
    .click()
  await page.getByTestId('history-detail').getByRole('button', { name: 'Reveal' }).click()
  snapshots.push(await page.content())
  await page.keyboard.press('Escape')

  await page.getByRole('tab', { name: 'Settings' }).click()
  await expect(page.getByTestId('profiles-table')).toContainText('Local sandbox')
  snapshots.push(await page.content())

  const storage = String(
    await page.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })'),
  )
  const cookies = JSON.stringify(await page.context().cookies())
  const everything = { ...stored, ...typed }
  const hits: SecretHit[] = [
    ...(await Promise.all(responses)).flatMap((body, index) => scanBytes(`response ${index}`, body, everything)),
    ...snapshots.flatMap((html, index) => scanBytes(`page ${index}`, Buffer.from(html), everything)),
    ...scanBytes('storage', Buffer.from(storage), everything),
    ...scanBytes('cookies', Buffer.from(cookies), everything),
    ...scanBytes('console', Buffer.from(consoleLines.join('\n')), everything),
  ]
  expect(responses.length).toBeGreaterThan(10)
  expect(hits).toEqual([])
})

test('the recorded trace and the artifacts folder hold no stored secret', async () => {
  // The token typed into the form is in the trace by design (it records what was typed); stored ones never are.
  const trace = scanFolder(drivenOutputDir, stored)
  expect(trace.files).toContain('trace.zip')
  expect(trace.hits).toEqual([])
  // ...which also proves the scan reads inside the zipped trace.
  expect(scanFolder(drivenOutputDir, typed).hits.length).toBeGreaterThan(0)
  expect(scanFolder('artifacts', stored).hits).toEqual([])
})
