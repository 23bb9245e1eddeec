import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_LOG_LIMITS } from '../../../src-main/emulator/request-log'
import { startEmulator, type RequestLogView, type RunningEmulator } from '../../../src-main/emulator/server'
import { control, post } from './post'

const APP = 'request-log-app'
const app = { 'x-authing-app-id': APP }
const started: RunningEmulator[] = []

async function emulatorWith(options: Partial<Parameters<typeof startEmulator>[0]> = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ appIds: [APP], cooldownMs: 0, ...options })
  started.push(emulator)
  return emulator
}

function phone(i: number): string {
  return `1380013${String(i).padStart(4, '0')}`
}

afterEach(async () => {
  for (const emulator of started.splice(0)) await emulator.close()
})

describe('the request log is bounded', () => {
  it('keeps the newest requests up to the entry limit and counts the dropped ones', async () => {
    const emulator = await emulatorWith({ logLimits: { maxEntries: 5, maxBytes: 1024 * 1024 } })
    for (let i = 0; i < 8; i++) await post(emulator.url, { channel: 'CHANNEL_LOGIN', phoneNumber: phone(i) }, app)

    const log = emulator.requestLog()
    expect(log.dropped).toBe(3)
    expect(log.requests.map((request) => JSON.parse(request.body).phoneNumber)).toEqual([3, 4, 5, 6, 7].map(phone))
  })

  it('keeps the newest requests within the byte limit', async () => {
    const maxBytes = 4000
    const emulator = await emulatorWith({ logLimits: { maxEntries: 1000, maxBytes } })
    for (let i = 0; i < 10; i++) await post(emulator.url, { channel: 'CHANNEL_LOGIN', padding: 'x'.repeat(900) }, app)

    const log = emulator.requestLog()
    expect(Buffer.byteLength(JSON.stringify(log.requests))).toBeLessThanOrEqual(maxBytes)
    expect(log.requests.length).toBeGreaterThan(0)
    expect(log.requests.length + log.dropped).toBe(10)
  })

  it('forgets the dropped count with the requests on DELETE', async () => {
    const emulator = await emulatorWith({ logLimits: { maxEntries: 1, maxBytes: 1024 * 1024 } })
    await post(emulator.url, 'one', app)
    await post(emulator.url, 'two', app)
    expect(emulator.requestLog().dropped).toBe(1)
    expect((await control(emulator.url, { token: emulator.token, method: 'DELETE' })).status).toBe(204)
    expect(emulator.requestLog()).toEqual({ requests: [], dropped: 0 })
  })

  it('survives a flood of 64 KiB requests and still answers GET with a bounded log', { timeout: 60_000 }, async () => {
    const emulator = await emulatorWith()
    const flood = 160
    const body = JSON.stringify({ channel: 'CHANNEL_LOGIN', padding: 'x'.repeat(64 * 1024 - 40) })
    for (let batch = 0; batch < flood; batch += 16) {
      await Promise.all(Array.from({ length: 16 }, () => post(emulator.url, body, app)))
    }

    const answer = await control(emulator.url, { token: emulator.token })
    expect(answer.status).toBe(200)
    expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(DEFAULT_LOG_LIMITS.maxBytes + 100)
    const log = JSON.parse(answer.text) as RequestLogView
    expect(log.dropped).toBeGreaterThan(0)
    expect(log.requests.length + log.dropped).toBe(flood)
    // Still serving after the flood.
    expect((await post(emulator.url, { channel: 'CHANNEL_LOGIN', phoneNumber: phone(1) }, app)).json?.statusCode).toBe(
      200,
    )
  })
})

describe('an error in a handler', () => {
  it('answers 500, is reported to onError, and the emulator keeps serving', async () => {
    const errors: unknown[] = []
    let failing = true
    const emulator = await emulatorWith({
      // The clock is read for every recorded request: a clock that throws is a handler that throws.
      clock: () => {
        if (failing) throw new Error('clock broke')
        return Date.now()
      },
      onError: (error) => errors.push(error),
    })

    const broken = await fetch(`${emulator.url}/api/v3/send-sms`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(5000),
    })
    expect(broken.status).toBe(500)
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toContain('clock broke')

    failing = false
    const answer = await post(emulator.url, { channel: 'CHANNEL_LOGIN', phoneNumber: phone(2) }, app)
    expect(answer.json?.statusCode).toBe(200)
  })

  it('is still answered with 500 when onError itself throws', async () => {
    const emulator = await emulatorWith({
      clock: () => {
        throw new Error('clock broke')
      },
      onError: () => {
        throw new Error('the log is on a full disk')
      },
    })
    const broken = await fetch(`${emulator.url}/elsewhere`, { signal: AbortSignal.timeout(5000) })
    expect(broken.status).toBe(500)
  })
})
