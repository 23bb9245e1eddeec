import { expect as baseExpect, test } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'

// Lazy views load their chunk on first use: allow for a busy machine running tests in parallel.
const expect = baseExpect.configure({ timeout: 10_000 })

// A Chinese system: the interface follows it, and so must what main says went wrong.
test.use({ locale: 'zh-CN' })

let host: RunningHost
test.beforeAll(async () => {
  // No D-Bus session at all: the real keychain library fails as it does on a server without a desktop.
  host = await startHost({ env: { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined } })
})
test.afterAll(async () => {
  await host.stop()
})

test('the keychain status says in Chinese what is wrong and how to fix it', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('tab', { name: '设置' }).click()
  const status = page.getByTestId('keychain-status')
  await expect(status).toContainText('钥匙串不可用')
  await expect(status).toContainText('无法连接系统钥匙串：没有 D-Bus 会话总线。')
  await expect(status).toContainText('安装 gnome-keyring（或带 Secret Service 的 KWallet）')
  await expect(status).not.toContainText('cannot be reached')
})

test('main’s refusal of a profile’s host is shown in Chinese', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('tab', { name: '设置' }).click()
  await page.getByRole('button', { name: '新建配置' }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('名称').fill('明文主机')
  await editor.getByLabel('应用域名').fill('http://example.com')
  await editor.getByLabel('App ID').fill('app-1')
  await editor.getByRole('button', { name: '保存' }).click()
  const toast = page.getByTestId('notice').filter({ hasText: 'http://' })
  await expect(toast).toContainText(
    '只有本机上的服务器（localhost、127.x.x.x、[::1]）才允许使用 http://；请使用 https://。',
  )
  await expect(toast).not.toContainText('Plain http')
})
