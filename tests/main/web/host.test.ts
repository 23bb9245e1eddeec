import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenApp } from '../open-app'
import { CONSOLE_TOKEN_HEADER, FIRST_ANSWERS_PATH } from '../../../src-main/shared/browser-mode'
import { FIRST_CALLS } from '../../../src-main/shared/first-calls'
import { startWebHost, type WebHost } from '../../../src-main/web/host'

const PAGE = '<!doctype html><title>the console page</title>'
let folder: string
let services: OpenApp
let host: WebHost

type Reply = { status: number; body: string }

/** A request with its path sent exactly as written (fetch would normalise it first) and any Host. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', body = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method, headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const withToken = (path: string): string => `${path}${path.includes('?') ? '&' : '?'}token=${host.token}`

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'web-host-'))
  const staticDir = join(folder, 'renderer')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), PAGE)
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")')
  writeFileSync(join(folder, 'outside.txt'), 'not part of the build')
  services = await openApp({ dataDir: join(folder, 'data'), mode: 'browser', osLanguage: 'en-US' })
  host = await startWebHost({ dispatch: services.dispatch, events: services.events, staticDir })
})

afterAll(async () => {
  await host.close()
  await services.close()
  rmSync(folder, { recursive: true, force: true })
})

/** Every spelling that decodes and normalises to the page. */
const PAGE_SPELLINGS = [
  '/',
  '/index.html',
  '/%69ndex.html',
  '/%69%6E%64%65%78%2E%68%74%6D%6C',
  '//index.html',
  '///index.html',
  '/./index.html',
  '/index.html/',
  '/index.html//',
  '/%2e/index.html',
  '/%2E%2E/index.html',
  '/assets/../index.html',
  '/assets/..%2Findex.html',
  '/%2F%2Findex.html',
  '/%2findex.html',
  '/x/%2e%2e/%69ndex.html',
]

describe('browser mode decides access on the decoded, normalised path', () => {
  it.each(PAGE_SPELLINGS)('%s needs the token', async (path) => {
    const reply = await raw(path)
    expect(reply.status).toBe(401)
    expect(reply.body).not.toContain('the console page')
  })

  it.each(PAGE_SPELLINGS)('%s with the token but a foreign Host is refused', async (path) => {
    const reply = await raw(withToken(path), { host: `rebound.example:${host.port}` })
    expect(reply.status).toBe(421)
    expect(reply.body).not.toContain('the console page')
  })

  it.each(PAGE_SPELLINGS)('%s with the token serves the page', async (path) => {
    expect(await raw(withToken(path))).toEqual({ status: 200, body: PAGE })
  })

  it.each([
    '/%2569ndex.html',
    '/%252e/index.html',
    '/INDEX.html',
    '/index.HTML',
    '/index.html.',
    '/index.html%00',
    '/index.html%20',
    '/%E0%A4%A',
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/..%2Foutside.txt',
    '/assets/..%5C..%5Coutside.txt',
  ])('%s is decoded once and serves nothing, with or without the token', async (path) => {
    for (const reply of [await raw(path), await raw(withToken(path))]) {
      expect(reply.status).not.toBe(200)
      expect(reply.body).not.toContain('the console page')
      expect(reply.body).not.toContain('not part of the build')
    }
  })

  it('serves the build output without the token, under any spelling of its path', async () => {
    for (const path of ['/assets/app.js', '/assets/%61pp.js', '//assets//app.js', '/assets/./app.js']) {
      expect(await raw(path)).toEqual({ status: 200, body: 'console.log("app")' })
    }
  })

  it('guards the calls and the event stream under any spelling too', async () => {
    for (const path of ['/%72pc/profiles.list', '//rpc/profiles.list', '/rpc/./profiles.list']) {
      expect((await raw(path, {}, 'POST', '{}')).status).toBe(401)
      const allowed = await raw(path, { [CONSOLE_TOKEN_HEADER]: host.token }, 'POST', '{}')
      expect(allowed.status).toBe(200)
      expect(JSON.parse(allowed.body)).toMatchObject({ ok: true, value: { activeId: 'local-sandbox' } })
    }
    for (const path of ['/%65vents', '//events', '/events/']) expect((await raw(path)).status).toBe(401)
  })

  it('refuses a request target that is not a path', async () => {
    expect((await raw(`http://127.0.0.1:${host.port}/index.html`)).status).toBe(400)
  })
})

describe("the first screen's answers in one request", () => {
  const token = () => ({ [CONSOLE_TOKEN_HEADER]: host.token })

  it('answers each first call, by name, as the call on its own answers', async () => {
    const together = await raw(FIRST_ANSWERS_PATH, token(), 'POST', '{}')
    expect(together.status).toBe(200)
    const answers = JSON.parse(together.body) as Record<string, unknown>
    expect(Object.keys(answers)).toEqual([...FIRST_CALLS])
    for (const name of FIRST_CALLS) {
      const alone = JSON.parse((await raw(`/rpc/${name}`, token(), 'POST', '{}')).body)
      expect(alone).toMatchObject({ ok: true })
      expect(answers[name]).toEqual(alone)
    }
  })

  it('checks the token, the Host, the method and the input as a call does', async () => {
    const refused = await raw(FIRST_ANSWERS_PATH, {}, 'POST', '{}')
    expect(refused.status).toBe(401)
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    const rebound = await raw(FIRST_ANSWERS_PATH, { ...token(), host: `rebound.example:${host.port}` }, 'POST', '{}')
    expect(rebound.status).toBe(421)
    expect((await raw(FIRST_ANSWERS_PATH, token(), 'GET')).status).toBe(405)
    expect((await raw(FIRST_ANSWERS_PATH, token(), 'POST', '{not json')).status).toBe(400)
    // No first call takes input: each call's own schema refuses it.
    const withInput = JSON.parse((await raw(FIRST_ANSWERS_PATH, token(), 'POST', '{"phoneNumber":"1"}')).body)
    for (const name of FIRST_CALLS)
      expect(withInput[name]).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
