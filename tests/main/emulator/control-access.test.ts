import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/server'
import { control, post } from './post'

const APP = 'control-access-app'
const login = { channel: 'CHANNEL_LOGIN', phoneNumber: '10000000200' }

let emulator: RunningEmulator
let loopback: string

beforeAll(async () => {
  emulator = await startEmulator({ appIds: [APP] })
  loopback = `127.0.0.1:${emulator.port}`
  await post(emulator.url, login, { 'x-authing-app-id': APP, authorization: 'eyJ.stored.token' })
})
afterAll(async () => {
  await emulator.close()
})

describe('the control routes (/__emulator/*)', () => {
  it.each([
    ['no token', {}, 401],
    ['a wrong token', { token: 'not-the-token' }, 401],
    ['a token one character short', { token: 'x'.repeat(31) }, 401],
  ])('refuse a caller with %s', async (_what, options, status) => {
    for (const method of ['GET', 'DELETE']) {
      const answer = await control(emulator.url, { ...options, method })
      expect(answer.status, method).toBe(status)
      expect(answer.text).not.toContain('eyJ')
    }
    expect(emulator.received()).toHaveLength(1)
  })

  it.each([
    ['a rebinding name in Host', (port: number) => ({ host: `attacker.example:${port}` }), 421],
    ['the right address on another port', () => ({ host: '127.0.0.1:1' }), 421],
    ['a foreign Origin', () => ({ origin: 'https://attacker.example' }), 403],
  ])('refuse %s even with the token', async (_what, headers, status) => {
    const answer = await control(emulator.url, { token: emulator.token, headers: headers(emulator.port) })
    expect(answer.status).toBe(status)
    expect(answer.text).not.toContain('eyJ')
  })

  it('answer the token holder on either loopback name, with its own origin', async () => {
    for (const host of [loopback, `localhost:${emulator.port}`]) {
      const answer = await control(emulator.url, {
        token: emulator.token,
        headers: { host, origin: `http://${host}` },
      })
      expect(answer.status, host).toBe(200)
    }
  })

  it('unknown control paths need the token too', async () => {
    const answer = await fetch(`${emulator.url}/__emulator/anything`)
    expect(answer.status).toBe(401)
  })

  it('leave the send-sms route open to any Host: it is what the client calls', async () => {
    const answer = await post(emulator.url, login, { 'x-authing-app-id': APP })
    expect(answer.json?.statusCode).toBe(200)
  })
})

describe('the request log keeps no credentials', () => {
  it('redacts authorization exactly as the history does, in memory and in the answer', async () => {
    const [first] = emulator.received()
    expect(first?.headers.authorization).toBe('[redacted]')
    const answer = await control(emulator.url, { token: emulator.token })
    expect(answer.status).toBe(200)
    expect(answer.text).toContain('"authorization":"[redacted]"')
    expect(answer.text).not.toContain('eyJ.stored.token')
  })

  it('lets the embedding process see the token that went on the wire', async () => {
    const seen: string[] = []
    const observed = await startEmulator({
      appIds: [APP],
      onRequest: (request) => seen.push(request.headers.authorization ?? ''),
    })
    try {
      await post(observed.url, login, { 'x-authing-app-id': APP, authorization: 'eyJ.typed.token' })
      expect(seen).toEqual(['eyJ.typed.token'])
      expect(observed.received()[0]?.headers.authorization).toBe('[redacted]')
    } finally {
      await observed.close()
    }
  })
})
