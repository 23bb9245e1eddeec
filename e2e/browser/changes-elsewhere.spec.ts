import { spawn } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'
import { rpc } from '../fixtures/rpc'

// Another process on the same data folder: the change reaches the open page within about a second,
// without a reload. One second for the watch, a little more for a machine running tests in parallel.
const WITHIN_MS = 1_500

let host: RunningHost
let otherHost: RunningHost | null = null
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await otherHost?.stop()
  await host.stop()
})

/** The built command line, `genauth-sms <args>`, on the host's data folder; resolves with its stdout. */
function genauthSms(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/genauth-sms.cjs', ...args], {
      env: { ...process.env, GENAUTH_SMS_DATA_DIR: host.dataDir, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))))
  })
}

test('a send from the command line beside the open page appears in its history without a reload', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.getByTestId('history-table')).toBeVisible()

  const answer = JSON.parse(
    await genauthSms(['send', '--channel', 'login', '--phone', '10000000200', '--note', 'CLI-BESIDE', '--json']),
  ) as { entryId: number; result: { requestId: string } }
  const sentAt = Date.now()
  await expect(page.getByTestId('history-table')).toContainText(answer.result.requestId, { timeout: WITHIN_MS })
  await expect(page.getByTestId('history-table')).toContainText('CLI-BESIDE')
  test.info().annotations.push({ type: 'shown after', description: `${Date.now() - sentAt} ms` })
})

test('a profile made through a second browser-mode host on the same folder appears in the open page', async ({
  page,
}) => {
  await page.goto(host.url)
  otherHost = await startHost({ dataDir: host.dataDir })
  await rpc(otherHost, 'profiles.create', {
    fields: {
      name: 'Made elsewhere',
      environment: 'staging',
      appHost: 'https://elsewhere.genauth.ai',
      appId: '64f0aa00aa00aa00aa00aa09',
    },
  })
  const profileSelect = page.getByLabel('Profile', { exact: true })
  await expect(profileSelect.getByRole('option', { name: 'Made elsewhere' })).toHaveCount(1, { timeout: WITHIN_MS })
})
