import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SendResult } from '../../../src-main/shared/contract/send'
import { ConsoleError } from '../../../src-main/shared/contract/errors'
import { sendSms, type SendSmsRequest } from '../../../src-main/genauth/client'
import { SCENARIO_DEFINITIONS } from '../../../src-main/emulator/scenarios'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/server'

const APP_ID = 'client-test-app'
const meta = { appVersion: '1.2.3' }
let emulator: RunningEmulator
/** The authorization header of each request as it arrived, before the emulator's log redacts it. */
let authorizationsOnTheWire: string[] = []

beforeAll(async () => {
  emulator = await startEmulator({
    appIds: [APP_ID],
    onRequest: (received) => authorizationsOnTheWire.push(received.headers.authorization ?? ''),
  })
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(() => {
  emulator.reset()
  authorizationsOnTheWire = []
})

function request(overrides: Partial<SendSmsRequest> = {}): SendSmsRequest {
  return {
    appHost: emulator.url,
    appId: APP_ID,
    channel: 'CHANNEL_LOGIN',
    phoneNumber: '13800138000',
    lang: 'en-US',
    timeoutMs: 5000,
    ...overrides,
  }
}

function scenarioPhone(name: string): string {
  const scenario = SCENARIO_DEFINITIONS.find((s) => s.name === name)
  if (!scenario) throw new Error(`no scenario ${name}`)
  return scenario.phoneNumber
}

/** A port nothing listens on: bind one, then close it. */
async function deadPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('sendSms against the emulator', () => {
  it('reports success with the parsed body, the wire request and the response', async () => {
    const result = await sendSms(request({ phoneCountryCode: '+86' }), meta)

    expect(SendResult.parse(result)).toEqual(result)
    expect(result.kind).toBe('success')
    expect(result.httpStatus).toBe(200)
    expect(result.statusCode).toBe(200)
    expect(result.apiCode).toBeNull()
    expect(result.message).toBe('Operation successful')
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.errorCode).toBeNull()
    expect(result.latencyMs).toBeGreaterThan(0)
    expect(result.response?.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(result.response?.body ?? '')).toMatchObject({ statusCode: 200, requestId: result.requestId })

    expect(result.request.method).toBe('POST')
    expect(result.request.url).toBe(`${emulator.url}/api/v3/send-sms`)
    expect(result.request.body).toBe('{"channel":"CHANNEL_LOGIN","phoneNumber":"13800138000","phoneCountryCode":"+86"}')
    expect(result.request.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-authing-app-id': APP_ID,
      'x-authing-lang': 'en-US',
      'x-authing-request-from': 'genauth-sms-console',
      'x-authing-sdk-version': 'genauth-sms-console:1.2.3',
      'x-genauth-app-id': APP_ID,
      'x-genauth-lang': 'en-US',
      'x-genauth-request-from': 'genauth-sms-console',
      'x-genauth-sdk-version': 'genauth-sms-console:1.2.3',
    })
    expect(result.request.headers).not.toHaveProperty('authorization')
  })

  it.each([
    ['genauth', 'x-genauth-', 'x-authing-'],
    ['authing', 'x-authing-', 'x-genauth-'],
  ] as const)('sends only the %s family when asked, and the emulator reads it', async (family, sent, absent) => {
    const result = await sendSms(request({ headerFamily: family }), meta)
    const [received] = emulator.received()

    expect(result.kind).toBe('success')
    expect(result.message).toBe('Operation successful')
    expect(received?.appIdHeader).toBe(`${sent}app-id`)
    for (const suffix of ['app-id', 'lang', 'request-from', 'sdk-version']) {
      expect(received?.headers[`${sent}${suffix}`], suffix).toBe(result.request.headers[`${sent}${suffix}`])
      expect(received?.headers, suffix).not.toHaveProperty(`${absent}${suffix}`)
      expect(result.request.headers, suffix).not.toHaveProperty(`${absent}${suffix}`)
    }
  })

  it('puts on the wire exactly the headers and body it reports', async () => {
    const result = await sendSms(request(), meta)
    const [received] = emulator.received()

    expect(received?.body).toBe(result.request.body)
    expect(received?.body).toBe('{"channel":"CHANNEL_LOGIN","phoneNumber":"13800138000"}')
    for (const [name, value] of Object.entries(result.request.headers)) {
      expect(received?.headers[name], name).toBe(value)
    }
  })

  it('sends the access token as given and redacts it in the result', async () => {
    const result = await sendSms(request({ accessToken: 'eyJ.user.token' }), meta)

    expect(authorizationsOnTheWire).toEqual(['eyJ.user.token'])
    expect(emulator.received()[0]?.headers.authorization).toBe('[redacted]')
    expect(result.request.headers.authorization).toBe('[redacted]')
    expect(JSON.stringify(result)).not.toContain('eyJ.user.token')
  })

  it('reports a business failure for an HTTP 200 answer with statusCode 429', async () => {
    await sendSms(request(), meta)
    const result = await sendSms(request(), meta)

    expect(result.kind).toBe('business-failure')
    expect(result.httpStatus).toBe(200)
    expect(result.statusCode).toBe(429)
    expect(result.apiCode).toBeNull()
    expect(result.message).toMatch(/exceeded/)
    expect(emulator.received()).toHaveLength(2)
  })

  it('reads zh-CN messages when asked for zh-CN', async () => {
    const result = await sendSms(request({ lang: 'zh-CN' }), meta)
    expect(result.message).toBe('操作成功')
    expect(result.request.headers['x-authing-lang']).toBe('zh-CN')
  })

  it('reports the unknown-app answer with its apiCode', async () => {
    const result = await sendSms(request({ appId: 'someone-elses-app' }), meta)
    expect(result).toMatchObject({ kind: 'business-failure', statusCode: 499, apiCode: 2011 })
    expect(emulator.received()).toHaveLength(1)
  })

  const businessScenarios = SCENARIO_DEFINITIONS.filter(
    (s) => s.behaviour.kind === 'answer' && s.name.startsWith('statusCode '),
  )
  it.each(businessScenarios.map((s) => [s.name, s.phoneNumber] as const))(
    'scenario %s: kind, statusCode and one request',
    async (name, phoneNumber) => {
      const statusCode = Number(name.replace('statusCode ', ''))
      const result = await sendSms(request({ phoneNumber }), meta)

      expect(result.kind).toBe(statusCode === 200 ? 'success' : 'business-failure')
      expect(result.httpStatus).toBe(200)
      expect(result.statusCode).toBe(statusCode)
      expect(result.message).not.toBe('')
      expect(result.requestId).not.toBeNull()
      expect(emulator.received()).toHaveLength(1)
    },
  )

  it('keeps the documented apiCode of a forced answer', async () => {
    const result = await sendSms(request({ phoneNumber: '10000000404' }), meta)
    expect(result).toMatchObject({ statusCode: 404, apiCode: 2004 })
  })

  it('waits for the slow answer when the timeout allows it', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('slow answer'), timeoutMs: 10_000 }), meta)
    expect(result.kind).toBe('success')
    expect(result.latencyMs).toBeGreaterThanOrEqual(2900)
    expect(emulator.received()).toHaveLength(1)
  })

  it('gives up on the slow answer at its own timeout', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('slow answer'), timeoutMs: 300 }), meta)
    expect(result.kind).toBe('timeout')
    expect(result.latencyMs).toBeLessThan(2000)
    expect(emulator.received()).toHaveLength(1)
  })

  it('reports a timeout when the server holds the request', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('timeout'), timeoutMs: 500 }), meta)

    expect(result).toMatchObject({
      kind: 'timeout',
      httpStatus: null,
      statusCode: null,
      errorCode: 'TIMEOUT',
      response: null,
    })
    expect(result.errorMessage).toContain('500 ms')
    expect(result.latencyMs).toBeGreaterThanOrEqual(490)
    expect(result.latencyMs).toBeLessThan(3000)
    expect(emulator.received()).toHaveLength(1)
  })

  it('reports a network failure when the connection drops without an answer', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('dropped connection') }), meta)

    expect(result.kind).toBe('network-failure')
    expect(result.errorCode).toBe('ECONNRESET')
    expect(result.httpStatus).toBeNull()
    expect(result.response).toBeNull()
    expect(emulator.received()).toHaveLength(1)
  })

  it('reports an HTTP failure for a 502 HTML page and keeps the page', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('HTTP 502 with HTML') }), meta)

    expect(result.kind).toBe('http-failure')
    expect(result.httpStatus).toBe(502)
    expect(result.statusCode).toBeNull()
    expect(result.errorMessage).toBe('HTTP 502 Bad Gateway')
    expect(result.response?.body).toContain('<h1>502 Bad Gateway</h1>')
    expect(result.requestId).toBe(result.response?.headers['x-request-id'])
    expect(result.requestId).not.toBeNull()
    expect(emulator.received()).toHaveLength(1)
  })

  it('reads the JSON body of a non-2xx answer', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('HTTP 503 with JSON') }), meta)

    expect(result).toMatchObject({
      kind: 'http-failure',
      httpStatus: 503,
      statusCode: 503,
      message: 'Service unavailable',
    })
    expect(result.requestId).toBe(JSON.parse(result.response?.body ?? '{}').requestId)
    expect(emulator.received()).toHaveLength(1)
  })

  it('reports an unparseable body for broken JSON under HTTP 200', async () => {
    const result = await sendSms(request({ phoneNumber: scenarioPhone('malformed JSON') }), meta)

    expect(result).toMatchObject({ kind: 'unparseable-body', httpStatus: 200, statusCode: null })
    expect(result.response?.body).toBe('{"statusCode":200,"message":"操作成')
    expect(emulator.received()).toHaveLength(1)
  })

  it('keeps a path prefix of the host', async () => {
    const result = await sendSms(request({ appHost: `${emulator.url}/tenant-a/` }), meta)
    expect(result.kind).toBe('success')
    expect(emulator.received()[0]?.path).toBe('/tenant-a/api/v3/send-sms')
  })
})

describe('sendSms transport failures', () => {
  it('reports ECONNREFUSED for a port nothing listens on', async () => {
    const port = await deadPort()
    const result = await sendSms(request({ appHost: `http://127.0.0.1:${port}` }), meta)

    expect(SendResult.parse(result)).toEqual(result)
    expect(result).toMatchObject({
      kind: 'network-failure',
      errorCode: 'ECONNREFUSED',
      httpStatus: null,
      response: null,
    })
    expect(result.errorMessage).toContain('ECONNREFUSED')
  })

  it('reports ENOTFOUND for a host that cannot resolve', async () => {
    const result = await sendSms(request({ appHost: 'nonexistent.invalid' }), meta)

    expect(result).toMatchObject({ kind: 'network-failure', errorCode: 'ENOTFOUND' })
    expect(result.request.url).toBe('https://nonexistent.invalid/api/v3/send-sms')
  })

  it('reports the TLS error code when https meets a plain HTTP server', async () => {
    const result = await sendSms(request({ appHost: emulator.url.replace('http://', 'https://') }), meta)

    expect(result.kind).toBe('network-failure')
    expect(result.errorCode).toMatch(/SSL|TLS|EPROTO/)
  })

  it('reports a timeout when connected but the server never answers, without a second request', async () => {
    let requests = 0
    const silent = http.createServer(() => {
      requests += 1
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    try {
      const result = await sendSms(request({ appHost: `http://127.0.0.1:${port}`, timeoutMs: 200 }), meta)
      expect(result.kind).toBe('timeout')
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(requests).toBe(1)
    } finally {
      silent.closeAllConnections()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('refuses a plain http host that is not loopback before sending', async () => {
    await expect(sendSms(request({ appHost: 'http://example.genauth.ai' }), meta)).rejects.toMatchObject({
      code: 'invalid-host',
    })
  })

  it('refuses an App ID that cannot go into a header', async () => {
    const attempt = sendSms(request({ appId: 'app\nx-evil: 1' }), meta)
    await expect(attempt).rejects.toBeInstanceOf(ConsoleError)
    expect(emulator.received()).toHaveLength(0)
  })

  it('refuses a non-positive timeout as a programming error', async () => {
    await expect(sendSms(request({ timeoutMs: 0 }), meta)).rejects.toBeInstanceOf(RangeError)
  })
})
