import { request as httpRequest } from 'node:http'
import { expect, test } from '@playwright/test'
import { startHost, type RunningHost } from '../fixtures/host'

let host: RunningHost
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await host.stop()
})

async function rpc(name: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${host.origin}/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-token': host.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      ok: boolean
      value?: unknown
      error?: { code: string; message: string; issues?: unknown[] }
    },
  }
}

test('a valid call reaches its handler and returns its parsed output', async () => {
  const { status, body } = await rpc('profiles.list', {})
  expect(status).toBe(200)
  expect(body.ok).toBe(true)
  const value = body.value as { profiles: { id: string; builtIn: boolean }[]; activeId: string }
  expect(value.profiles.some((profile) => profile.builtIn)).toBe(true)
  expect(value.activeId).toBe('local-sandbox')
})

test('a malformed payload is refused with the schema issues', async () => {
  const { body } = await rpc('sms.send', { profileId: 'local-sandbox', channel: 'CHANNEL_NOPE', phoneNumber: 5 })
  expect(body.ok).toBe(false)
  expect(body.error?.code).toBe('invalid-input')
  expect(JSON.stringify(body.error?.issues)).toContain('channel')
  expect(JSON.stringify(body.error?.issues)).toContain('phoneNumber')
})

test('an extra field is refused rather than ignored', async () => {
  const { body } = await rpc('profiles.list', { __proto__: { admin: true }, extra: 1 })
  expect(body.error?.code).toBe('invalid-input')
})

test('a body that is not JSON is refused', async () => {
  const { status, body } = await rpc('profiles.list', '{not json')
  expect(status).toBe(400)
  expect(body.error?.code).toBe('invalid-input')
})

test('an unknown call name is refused', async () => {
  const { body } = await rpc('fs.readFile', {})
  expect(body.ok).toBe(false)
  expect(body.error?.code).toBe('unknown-call')
})

test('a wrong or missing token is refused', async () => {
  const wrong = await rpc('profiles.list', {}, { 'x-console-token': 'not-the-token' })
  expect(wrong.status).toBe(401)
  expect(wrong.body.error?.code).toBe('forbidden-sender')
  const page = await fetch(`${host.origin}/`)
  expect(page.status).toBe(401)
  const events = await fetch(`${host.origin}/events?token=nope`)
  expect(events.status).toBe(401)
})

test('a foreign Origin is refused even with the right token', async () => {
  const { status, body } = await rpc('profiles.list', {}, { origin: 'http://evil.example' })
  expect(status).toBe(403)
  expect(body.error?.code).toBe('forbidden-sender')
})

test('a foreign Host header (DNS rebinding) is refused', async () => {
  // fetch() will not forge Host, so speak HTTP directly.
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      `${host.origin}/rpc/profiles.list`,
      {
        method: 'POST',
        headers: { host: `attacker.example:${new URL(host.origin).port}`, 'x-console-token': host.token },
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end('{}')
  })
  expect(status).toBe(421)
})

/** A GET with its path sent exactly as written (fetch and the browser normalise it first) and any Host. */
function rawGet(path: string, hostHeader = new URL(host.origin).host) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${host.origin}${path}`, { headers: { host: hostHeader } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('the page needs the token and its own Host under every spelling of its path', async () => {
  const port = new URL(host.origin).port
  for (const path of ['/%69ndex.html', '/index.html/', '/%2e/index.html', '/assets/..%2Findex.html', '//index.html']) {
    const anonymous = await rawGet(path)
    expect(anonymous.status, path).toBe(401)
    expect(anonymous.body, path).not.toContain('<html')
    const rebound = await rawGet(`${path}?token=${host.token}`, `attacker.example:${port}`)
    expect(rebound.status, path).toBe(421)
    const allowed = await rawGet(`${path}?token=${host.token}`)
    expect(allowed.status, path).toBe(200)
    expect(allowed.body, path).toContain('<html')
  }
  // Decoded once: a double-encoded name is not the page.
  expect((await rawGet(`/%2569ndex.html?token=${host.token}`)).status).toBe(404)
})

test('the page opens with the token and shows the console layout', async ({ page }) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(host.url)
  await expect(page.getByRole('heading', { name: 'GenAuth SMS Console' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Send' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'History' })).toBeVisible()
  expect(errors).toEqual([])
})
