import { AuthenticationClient, type Models } from 'authing-node-sdk'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { SmsChannel } from '../../../src-main/shared/contract/channels'
import type { HeaderFamily } from '../../../src-main/shared/contract/profiles'
import { sendSms } from '../../../src-main/genauth/client'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/server'

/**
 * The official Node SDK and this app's client, side by side through the emulator: same answers read,
 * same request on the wire (method, path, body, app id).
 */
const APP_ID = 'conformance-app'
let emulator: RunningEmulator
let sdk: AuthenticationClient

interface Send {
  channel: SmsChannel
  phoneNumber: string
  phoneCountryCode?: string
}

beforeAll(async () => {
  emulator = await startEmulator({ appIds: [APP_ID] })
  sdk = new AuthenticationClient({ appId: APP_ID, appHost: emulator.url, tokenEndPointAuthMethod: 'none' })
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(() => emulator.reset())

async function viaSdk(send: Send): Promise<{ statusCode?: number; apiCode?: number; message?: string }> {
  // The SDK types channel as its own string enum with the same values.
  const answer = await sdk.sendSms({ ...send, channel: send.channel as Models.SendSMSDto.channel })
  return { statusCode: answer.statusCode, apiCode: answer.apiCode, message: answer.message }
}

async function viaClient(
  send: Send,
  headerFamily?: HeaderFamily,
): Promise<{ statusCode?: number; apiCode?: number; message?: string }> {
  // The SDK sends no x-authing-lang, so the emulator answers in its default, zh-CN.
  const result = await sendSms(
    { appHost: emulator.url, appId: APP_ID, lang: 'zh-CN', timeoutMs: 5000, headerFamily, ...send },
    { appVersion: '0.0.0' },
  )
  return {
    statusCode: result.statusCode ?? undefined,
    apiCode: result.apiCode ?? undefined,
    message: result.message ?? undefined,
  }
}

describe('authing-node-sdk and sendSms read the same answers', () => {
  it('success', async () => {
    const send: Send = { channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000', phoneCountryCode: '+86' }
    const fromSdk = await viaSdk(send)
    emulator.reset()
    const fromClient = await viaClient(send)

    expect(fromSdk).toEqual({ statusCode: 200, apiCode: undefined, message: '操作成功' })
    expect(fromClient).toEqual(fromSdk)
  })

  it('statusCode 400 for a malformed phone number', async () => {
    const send: Send = { channel: 'CHANNEL_REGISTER', phoneNumber: '12345' }
    const fromSdk = await viaSdk(send)
    const fromClient = await viaClient(send)

    expect(fromSdk.statusCode).toBe(400)
    expect(fromSdk.apiCode).toBe(99006)
    expect(fromClient).toEqual(fromSdk)
  })

  it('statusCode 429 for a second SMS within the cooldown', async () => {
    const send: Send = { channel: 'CHANNEL_RESET_PASSWORD', phoneNumber: '13900139000' }
    await viaClient(send)
    const fromSdk = await viaSdk(send)
    const fromClient = await viaClient(send)

    expect(fromSdk).toEqual({ statusCode: 429, apiCode: undefined, message: '您的请求已超过最大数量限制，请稍后重试' })
    expect(fromClient).toEqual(fromSdk)
  })

  it('a business error with an apiCode', async () => {
    const send: Send = { channel: 'CHANNEL_RESET_PASSWORD', phoneNumber: '10000000404' }
    const fromSdk = await viaSdk(send)
    const fromClient = await viaClient(send)

    expect(fromSdk).toEqual({ statusCode: 404, apiCode: 2004, message: '用户不存在' })
    expect(fromClient).toEqual(fromSdk)
  })
})

describe('the request on the wire', () => {
  it.each([
    [
      'with a country code',
      { channel: 'CHANNEL_BIND_PHONE', phoneNumber: '6591234567', phoneCountryCode: '+1' } as Send,
    ],
    ['without a country code', { channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' } as Send],
  ])('matches the SDK %s', async (_label, send) => {
    await viaSdk(send)
    await viaClient(send)
    const [fromSdk, fromClient] = emulator.received()

    expect(fromSdk).toBeDefined()
    expect(fromClient).toBeDefined()
    expect(fromClient?.method).toBe(fromSdk?.method)
    expect(fromClient?.path).toBe(fromSdk?.path)
    expect(fromClient?.body).toBe(fromSdk?.body)
    expect(fromClient?.headers['x-authing-app-id']).toBe(fromSdk?.headers['x-authing-app-id'])
    expect(fromClient?.headers['x-authing-app-id']).toBe(APP_ID)
    expect(fromClient?.headers['content-type']).toMatch(/^application\/json/)
    expect(fromSdk?.headers['content-type']).toMatch(/^application\/json/)
  })
})

/**
 * What GenAuth's own SDKs put on the wire for send-sms, read from their published sources (neither is on
 * the npm registry or PyPI mirror reachable here, so they cannot be run like the Authing SDK above).
 */
const GENAUTH_SDK_HEADERS = [
  {
    sdk: 'GenAuth Node SDK (@genauth/nodejs 1.0.0)',
    source: 'GenAuth-Official/genauth-node-sdk, src/AutherticationHttpClient.ts',
    headers: ['x-genauth-app-id'],
  },
  {
    sdk: 'GenAuth Python SDK',
    source: 'its authentication HTTP client, http/AuthenticationHttpClient.py',
    headers: ['x-genauth-app-id', 'x-genauth-lang', 'x-genauth-request-from', 'x-genauth-sdk-version'],
  },
]

/** The headers that name the app or the caller; transport headers (user-agent, accept...) differ by design. */
function identityHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => /^x-(authing|genauth)-/.test(name)))
}

async function clientWire(headerFamily: HeaderFamily): Promise<Record<string, string>> {
  emulator.reset()
  await viaClient({ channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' }, headerFamily)
  const [received] = emulator.received()
  if (!received) throw new Error('the emulator received nothing')
  return received.headers
}

describe('the header families', () => {
  it.each(['both', 'authing'] as const)(
    'with %s, carries every identity header authing-node-sdk sends, with the same value',
    async (family) => {
      await viaSdk({ channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' })
      const fromSdk = identityHeaders(emulator.received()[0]?.headers ?? {})
      const fromClient = await clientWire(family)

      expect(Object.keys(fromSdk)).toEqual(['x-authing-app-id'])
      expect(fromClient).toMatchObject(fromSdk)
    },
  )

  it.each(['both', 'genauth'] as const)(
    'with %s, carries every header the GenAuth SDKs send, with the App ID where they put it',
    async (family) => {
      const fromClient = await clientWire(family)
      for (const { sdk, source, headers } of GENAUTH_SDK_HEADERS) {
        for (const name of headers) expect(fromClient, `${sdk} (${source}): ${name}`).toHaveProperty(name)
      }
      expect(fromClient['x-genauth-app-id']).toBe(APP_ID)
      expect(fromClient['x-genauth-lang']).toBe('zh-CN')
    },
  )

  it('sends the same values under both names by default', async () => {
    const fromClient = identityHeaders(await clientWire('both'))
    for (const [name, value] of Object.entries(fromClient)) {
      const twin = name.startsWith('x-authing-')
        ? name.replace('x-authing-', 'x-genauth-')
        : name.replace('x-genauth-', 'x-authing-')
      expect(fromClient[twin], twin).toBe(value)
    }
    expect(Object.keys(fromClient)).toHaveLength(8)
  })

  it.each([
    ['genauth', 'x-authing-'],
    ['authing', 'x-genauth-'],
  ] as const)('with %s only, sends none of the other family', async (family, other) => {
    const fromClient = identityHeaders(await clientWire(family))
    expect(Object.keys(fromClient).filter((name) => name.startsWith(other))).toEqual([])
    expect(Object.keys(fromClient)).toHaveLength(4)
  })
})
