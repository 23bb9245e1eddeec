import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/server'
import { control, post } from './post'

const APP = 'emulator-test-app'
const OTHER_APP = 'second-app'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let now: number
let emulator: RunningEmulator
const app = { 'x-authing-app-id': APP }
const login = { channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' }

beforeEach(async () => {
  now = 1_700_000_000_000
  emulator = await startEmulator({ appIds: [APP, OTHER_APP], clock: () => now })
})
afterEach(async () => {
  await emulator.close()
})

describe('answers', () => {
  it('answers success in the documented shape with a fresh requestId each time', async () => {
    const first = await post(emulator.url, login, app)
    const second = await post(emulator.url, { ...login, channel: 'CHANNEL_REGISTER' }, app)

    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/^application\/json/)
    expect(Object.keys(first.json ?? {})).toEqual(['statusCode', 'message', 'requestId'])
    expect(first.json).toMatchObject({ statusCode: 200, message: '操作成功' })
    expect(first.json?.requestId).toMatch(UUID)
    expect(second.json?.requestId).toMatch(UUID)
    expect(second.json?.requestId).not.toBe(first.json?.requestId)
  })

  it('listens on 127.0.0.1 by default', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`)
  })

  it.each([
    ['en-US', 'Operation successful'],
    ['zh-CN', '操作成功'],
    ['fr-FR', '操作成功'],
  ])('answers in the language of x-authing-lang %s', async (lang, message) => {
    const answer = await post(emulator.url, login, { ...app, 'x-authing-lang': lang })
    expect(answer.json?.message).toBe(message)
  })

  it('translates failures too', async () => {
    const zh = await post(emulator.url, { channel: 'CHANNEL_LOGIN' }, app)
    const en = await post(emulator.url, { channel: 'CHANNEL_LOGIN' }, { ...app, 'x-authing-lang': 'en-US' })
    expect(zh.json?.message).toBe('缺少参数 phoneNumber')
    expect(en.json?.message).toBe('phoneNumber is required')
    expect(en.json?.apiCode).toBe(zh.json?.apiCode)
  })
})

describe('the app id', () => {
  it.each(['x-authing-app-id', 'x-genauth-app-id', 'x-authing-userpool-id'])('is read from %s', async (name) => {
    const answer = await post(emulator.url, login, { [name]: OTHER_APP })
    expect(answer.json?.statusCode).toBe(200)
    expect(emulator.received()[0]?.appIdHeader).toBe(name)
  })

  it('records no app id header when none is sent', async () => {
    await post(emulator.url, login)
    expect(emulator.received()[0]?.appIdHeader).toBeNull()
  })

  it('answers in the language either family asks for', async () => {
    const genauth = await post(emulator.url, login, { 'x-genauth-app-id': APP, 'x-genauth-lang': 'en-US' })
    const authing = await post(
      emulator.url,
      { ...login, channel: 'CHANNEL_REGISTER' },
      {
        'x-authing-app-id': APP,
        'x-authing-lang': 'en-US',
      },
    )
    expect(genauth.json?.message).toBe('Operation successful')
    expect(authing.json?.message).toBe('Operation successful')
  })

  it('answers apiCode 2011 for an unknown app, in HTTP 200', async () => {
    const answer = await post(emulator.url, login, { 'x-authing-app-id': 'nobody', 'x-authing-lang': 'en-US' })
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({ statusCode: 499, apiCode: 2011, message: 'Application not found' })
    expect(answer.json?.requestId).toMatch(UUID)
  })

  it('reads x-authing-app-id first when both families are sent', async () => {
    await post(emulator.url, login, { 'x-genauth-app-id': APP, 'x-authing-app-id': APP })
    expect(emulator.received()[0]?.appIdHeader).toBe('x-authing-app-id')
  })

  it('answers apiCode 2011 when no app header is sent', async () => {
    const answer = await post(emulator.url, login)
    expect(answer.json).toMatchObject({ statusCode: 499, apiCode: 2011 })
  })
})

describe('validation', () => {
  it.each([
    ['a body that is not JSON', 'channel=CHANNEL_LOGIN', 99001],
    ['a JSON array', [login], 99001],
    ['JSON null', 'null', 99001],
    ['no channel', { phoneNumber: '13800138000' }, 99002],
    ['an empty channel', { channel: '', phoneNumber: '13800138000' }, 99002],
    ['a numeric channel', { channel: 1, phoneNumber: '13800138000' }, 99002],
    ['an e-mail channel', { channel: 'CHANNEL_VERIFY_EMAIL_LINK', phoneNumber: '13800138000' }, 99003],
    ['a lower-case channel', { channel: 'channel_login', phoneNumber: '13800138000' }, 99003],
    ['no phone number', { channel: 'CHANNEL_LOGIN' }, 99004],
    ['an empty phone number', { channel: 'CHANNEL_LOGIN', phoneNumber: '' }, 99004],
    ['a numeric phone number', { channel: 'CHANNEL_LOGIN', phoneNumber: 13800138000 }, 99004],
    ['a country code inside the number', { channel: 'CHANNEL_LOGIN', phoneNumber: '+8613800138000' }, 99005],
    ['separators in the number', { channel: 'CHANNEL_LOGIN', phoneNumber: '138-0013-8000' }, 99006],
    ['a number too short for +86', { channel: 'CHANNEL_LOGIN', phoneNumber: '12345' }, 99006],
    ['a number too long for +86', { channel: 'CHANNEL_LOGIN', phoneNumber: '1380013800012345' }, 99006],
    ['a mainland number under +1', { ...login, phoneCountryCode: '+1' }, 99006],
    ['a country code without +', { ...login, phoneCountryCode: '86' }, 99007],
    ['a country code too long', { ...login, phoneCountryCode: '+86123' }, 99007],
    ['a null country code', { ...login, phoneCountryCode: null }, 99007],
  ])('answers statusCode 400 for %s', async (_label, body, apiCode) => {
    const answer = await post(emulator.url, body, app)
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({ statusCode: 400, apiCode })
  })

  it('accepts numbers valid for their country code', async () => {
    for (const body of [
      { channel: 'CHANNEL_LOGIN', phoneNumber: '2015550123', phoneCountryCode: '+1' },
      { channel: 'CHANNEL_LOGIN', phoneNumber: '7911123456', phoneCountryCode: '+44' },
      { channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000', phoneCountryCode: '+86' },
    ]) {
      expect((await post(emulator.url, body, app)).json?.statusCode, JSON.stringify(body)).toBe(200)
    }
  })

  it('answers statusCode 413 for a body over 64 KiB', async () => {
    const answer = await post(emulator.url, { ...login, padding: 'x'.repeat(70_000) }, app)
    expect(answer.json).toMatchObject({ statusCode: 413, apiCode: 99008 })
  })

  it('answers HTTP 404 for other paths and methods', async () => {
    const elsewhere = await post(emulator.url, login, app, '/api/v3/send-email')
    const get = await fetch(`${emulator.url}/api/v3/send-sms`)
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.json).toMatchObject({ statusCode: 404 })
    expect(get.status).toBe(404)
  })

  it('serves send-sms under a path prefix', async () => {
    const answer = await post(emulator.url, login, app, '/private/api/v3/send-sms')
    expect(answer.json?.statusCode).toBe(200)
  })
})

describe('the cooldown', () => {
  it('allows one SMS per phone and channel per 60 s, on the injected clock', async () => {
    expect((await post(emulator.url, login, app)).json?.statusCode).toBe(200)

    now += 59_999
    const throttled = await post(emulator.url, login, app)
    expect(throttled.status).toBe(200)
    expect(throttled.json).toMatchObject({ statusCode: 429, message: '您的请求已超过最大数量限制，请稍后重试' })
    expect(throttled.json).not.toHaveProperty('apiCode')

    now += 1
    expect((await post(emulator.url, login, app)).json?.statusCode).toBe(200)
  })

  it('does not extend the wait when a send is refused', async () => {
    await post(emulator.url, login, app)
    now += 30_000
    expect((await post(emulator.url, login, app)).json?.statusCode).toBe(429)
    now += 30_000
    expect((await post(emulator.url, login, app)).json?.statusCode).toBe(200)
  })

  it('keys on app, country code, phone and channel separately', async () => {
    await post(emulator.url, login, app)

    const otherChannel = await post(emulator.url, { ...login, channel: 'CHANNEL_REGISTER' }, app)
    const otherPhone = await post(emulator.url, { ...login, phoneNumber: '13900139000' }, app)
    const otherApp = await post(emulator.url, login, { 'x-authing-app-id': OTHER_APP })
    const otherCountry = await post(emulator.url, { ...login, phoneNumber: '2015550123', phoneCountryCode: '+1' }, app)
    const otherCountrySame = await post(
      emulator.url,
      { ...login, phoneNumber: '2015550123', phoneCountryCode: '+1' },
      app,
    )

    expect(otherChannel.json?.statusCode).toBe(200)
    expect(otherPhone.json?.statusCode).toBe(200)
    expect(otherApp.json?.statusCode).toBe(200)
    expect(otherCountry.json?.statusCode).toBe(200)
    expect(otherCountrySame.json?.statusCode).toBe(429)
  })

  it('counts an absent country code as +86', async () => {
    await post(emulator.url, login, app)
    expect((await post(emulator.url, { ...login, phoneCountryCode: '+86' }, app)).json?.statusCode).toBe(429)
  })

  it('identifies the app the same way whichever header names it', async () => {
    await post(emulator.url, login, { 'x-authing-app-id': APP })
    expect((await post(emulator.url, login, { 'x-genauth-app-id': APP })).json?.statusCode).toBe(429)
  })

  it('can be shortened or turned off', async () => {
    const relaxed = await startEmulator({ appIds: [APP], cooldownMs: 0 })
    try {
      for (let i = 0; i < 3; i += 1) expect((await post(relaxed.url, login, app)).json?.statusCode).toBe(200)
    } finally {
      await relaxed.close()
    }
  })

  it('does not throttle the reserved scenario numbers', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await post(emulator.url, { ...login, phoneNumber: '10000000200' }, app)).json?.statusCode).toBe(200)
    }
  })
})

describe('the request log', () => {
  it('records method, path, lower-case headers and body of each request', async () => {
    await post(emulator.url, login, { 'X-Authing-App-Id': APP, 'x-custom': 'v' })
    const [recorded] = emulator.received()

    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/api/v3/send-sms',
      body: JSON.stringify(login),
      receivedAt: now,
    })
    expect(recorded?.headers['x-authing-app-id']).toBe(APP)
    expect(recorded?.headers['x-custom']).toBe('v')
  })

  it('records requests that fail validation and requests to unknown paths', async () => {
    await post(emulator.url, 'not json', app)
    await post(emulator.url, login, app, '/elsewhere')
    expect(emulator.received().map((r) => r.path)).toEqual(['/api/v3/send-sms', '/elsewhere'])
  })

  it('lists them on GET /__emulator/requests and clears them and the cooldowns on DELETE', async () => {
    await post(emulator.url, login, app)
    const listed = await control(emulator.url, { token: emulator.token })
    expect(listed.status).toBe(200)
    const log = JSON.parse(listed.text) as { requests: Array<{ path: string; body: string }>; dropped: number }
    expect(log.requests).toHaveLength(1)
    expect(log.requests[0]).toMatchObject({ path: '/api/v3/send-sms', body: JSON.stringify(login) })
    expect(log.dropped).toBe(0)

    const cleared = await control(emulator.url, { token: emulator.token, method: 'DELETE' })
    expect(cleared.status).toBe(204)
    expect(emulator.received()).toEqual([])
    expect((await post(emulator.url, login, app)).json?.statusCode).toBe(200)
  })

  it('does not record its own endpoints and refuses other methods on them', async () => {
    const put = await control(emulator.url, { token: emulator.token, method: 'PUT' })
    expect(put.status).toBe(405)
    await control(emulator.url, { token: emulator.token })
    expect(emulator.received()).toEqual([])
  })

  it('reset() forgets requests and cooldowns', async () => {
    await post(emulator.url, login, app)
    emulator.reset()
    expect(emulator.received()).toEqual([])
    expect((await post(emulator.url, login, app)).json?.statusCode).toBe(200)
  })

  it('hands out copies, not its own list', async () => {
    await post(emulator.url, login, app)
    const copy = emulator.received()
    copy.pop()
    expect(emulator.received()).toHaveLength(1)
  })
})

describe('closing', () => {
  it('closes promptly while a request is held by the timeout scenario', async () => {
    const held = post(emulator.url, { ...login, phoneNumber: '10000009002' }, app).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = Date.now()
    await emulator.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await held).toBeInstanceOf(Error)
    emulator = await startEmulator({ appIds: [APP] })
  })
})
