import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CallError, ChannelCooldown, SendOutcome } from '../../../src-main/contract'
import { createServices, type Services } from '../../../src-main/services'

let dataDir: string
let services: Services
let now: number

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'double-sends-'))
  now = Date.UTC(2026, 10, 25, 12, 0, 0)
  services = await createServices({ dataDir, mode: 'browser', clock: () => now, osLanguage: 'en-US' })
})

afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const LOGIN = { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN' }

async function attempt(input: Record<string, unknown>): Promise<SendOutcome | CallError> {
  const envelope = await services.dispatch('sms.send', { ...LOGIN, ...input })
  return envelope.ok ? (envelope.value as SendOutcome) : envelope.error
}

async function loginCooldown(input: { phoneNumber: string; phoneCountryCode?: string }): Promise<ChannelCooldown> {
  const report = await services.cooldownFor({ profileId: LOGIN.profileId, ...input })
  return report.channels.find((channel) => channel.channel === LOGIN.channel)!
}

describe('the country code of the cooldown', () => {
  it('refuses a send without a country code after one with +86: GenAuth reads both as +86', async () => {
    expect(await attempt({ phoneNumber: '13800138000', phoneCountryCode: '+86' })).toMatchObject({
      result: { kind: 'success' },
    })
    now += 5_000
    expect(await attempt({ phoneNumber: '13800138000' })).toMatchObject({ code: 'cooldown' })
    expect(services.emulator.running!.received()).toHaveLength(1)
    expect(await loginCooldown({ phoneNumber: '13800138000' })).toMatchObject({ state: 'cooling', reason: 'sent' })
  })

  it('refuses +86, 86 and +086 after a send without a country code, and sends them as +86', async () => {
    const first = await attempt({ phoneNumber: '13800138000' })
    expect(first).toMatchObject({ result: { kind: 'success' } })
    for (const phoneCountryCode of ['+86', '86', '+086', ' +86 ']) {
      expect(await attempt({ phoneNumber: '138 0013 8000', phoneCountryCode })).toMatchObject({ code: 'cooldown' })
    }
    expect(services.emulator.running!.received()).toHaveLength(1)
    // Another country's number of the same digits is another phone.
    expect((await loginCooldown({ phoneNumber: '13800138000', phoneCountryCode: '+852' })).state).toBe('free')
    const forced = await attempt({ phoneNumber: '13800138000', phoneCountryCode: '+086', overrideCooldown: true })
    const body = JSON.parse(services.emulator.running!.received()[1]!.body) as { phoneCountryCode: string }
    expect(body.phoneCountryCode).toBe('+86')
    expect(services.history.get((forced as SendOutcome).entryId, true).phoneCountryCode).toBe('+86')
  })

  it('refuses a country code that is no calling code, with the reason, and sends nothing', async () => {
    expect(await attempt({ phoneNumber: '13800138000', phoneCountryCode: '+0' })).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'phoneCountryCode', message: expect.stringContaining('calling code') }],
    })
    expect(services.emulator.running!.received()).toHaveLength(0)
  })
})

describe('sends that may have gone out', () => {
  /**
   * A staging profile of the user's own on the emulator, with the shortest timeout, so the never-answering
   * number times out within a second. (On the built-in sandbox, reserved numbers never cool down.)
   */
  async function timingOutProfile(): Promise<string> {
    const created = await services.dispatch('profiles.create', {
      fields: {
        name: 'Emulator staging',
        environment: 'staging',
        appHost: services.emulator.running!.url,
        appId: 'local-sandbox-app',
        timeoutMs: 1000,
      },
    })
    expect(created.ok).toBe(true)
    return (created as { value: { id: string } }).value.id
  }

  it('three timeouts in a row put one request on the wire; the others are refused as maybe sent', async () => {
    const profileId = await timingOutProfile()
    const phone = { phoneNumber: '10000009002' }
    // Not a real mobile number: sent as it is, as a user would with "send anyway".
    const answers = []
    for (let attempt_ = 0; attempt_ < 3; attempt_++) {
      answers.push(await attempt({ profileId, ...phone, overrideValidation: true }))
      now += 2_000
    }
    expect(answers[0]).toMatchObject({ result: { kind: 'timeout' } })
    for (const refused of answers.slice(1)) {
      expect(refused).toMatchObject({
        code: 'cooldown',
        message: expect.stringMatching(/may have been sent \(timeout\)/),
      })
    }
    expect(services.emulator.running!.received()).toHaveLength(1)
    const report = await services.cooldownFor({ profileId, ...phone })
    expect(report.channels.find((channel) => channel.channel === LOGIN.channel)).toMatchObject({
      state: 'cooling',
      reason: 'maybe-sent',
      outcome: 'timeout',
    })

    // Overridable like any cooldown, and the override is recorded.
    const forced = await attempt({ profileId, ...phone, overrideValidation: true, overrideCooldown: true })
    expect(forced).toMatchObject({ result: { kind: 'timeout' } })
    expect(services.history.get((forced as SendOutcome).entryId, false).cooldownOverride).toBe(true)
    expect(services.emulator.running!.received()).toHaveLength(2)
  })

  it('a connection refused before the request left starts no cooldown', async () => {
    const created = await services.dispatch('profiles.create', {
      fields: { name: 'Nowhere', environment: 'staging', appHost: 'http://127.0.0.1:9', appId: 'app-1' },
    })
    const profileId = (created as { value: { id: string } }).value.id
    for (let i = 0; i < 2; i++) {
      expect(await attempt({ profileId, phoneNumber: '13800138000', phoneCountryCode: '+86' })).toMatchObject({
        result: { kind: 'network-failure', errorCode: 'ECONNREFUSED' },
      })
    }
  })
})

describe('a send whose answer cannot be recorded', () => {
  it('returns the real answer with the failure in one line, and refuses a resend in this process', async () => {
    const complete = vi.spyOn(services.history, 'complete').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    })
    const outcome = await attempt({ phoneNumber: '13800138000', phoneCountryCode: '+86' })
    complete.mockRestore()
    expect(outcome).toMatchObject({
      result: { kind: 'success', statusCode: 200 },
      recordFailure: 'SQLITE_FULL: database or disk is full',
    })

    // The entry stays `sending` in the history; the cooldown is kept in memory, not shown as in flight.
    now += 5_000
    expect(await loginCooldown({ phoneNumber: '13800138000' })).toMatchObject({ state: 'cooling', reason: 'sent' })
    expect(await attempt({ phoneNumber: '13800138000' })).toMatchObject({ code: 'cooldown' })
    expect(services.emulator.running!.received()).toHaveLength(1)
    // Overridable like any cooldown.
    const forced = await attempt({ phoneNumber: '13800138000', overrideCooldown: true })
    expect(forced).toMatchObject({ recordFailure: null })
    expect(services.history.get((forced as SendOutcome).entryId, false).cooldownOverride).toBe(true)
  })

  it('refuses nothing when the unrecorded send failed before its request left', async () => {
    const created = await services.dispatch('profiles.create', {
      fields: { name: 'Nowhere', environment: 'staging', appHost: 'http://127.0.0.1:9', appId: 'app-1' },
    })
    const profileId = (created as { value: { id: string } }).value.id
    const complete = vi.spyOn(services.history, 'complete').mockImplementation(() => {
      throw new Error('disk I/O error')
    })
    const input = { profileId, phoneNumber: '13800138000', phoneCountryCode: '+86' }
    expect(await attempt(input)).toMatchObject({ result: { kind: 'network-failure' }, recordFailure: 'disk I/O error' })
    complete.mockRestore()
    expect(await attempt(input)).toMatchObject({ result: { kind: 'network-failure' }, recordFailure: null })
  })
})
