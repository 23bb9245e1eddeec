import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallError, EventName, HistoryEntry, SendOutcome } from '../../../src-main/contract'
import { createServices, type Services } from '../../../src-main/services'

let dataDir: string
let services: Services
let now: number
let events: EventName[]

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'send-service-'))
  now = Date.UTC(2026, 10, 25, 12, 0, 0)
  services = await createServices({ dataDir, mode: 'browser', clock: () => now, osLanguage: 'en-US' })
  events = []
  services.events.subscribe((name) => events.push(name))
})

afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function send(input: Record<string, unknown>): Promise<SendOutcome> {
  const envelope = await services.dispatch('sms.send', {
    profileId: 'local-sandbox',
    channel: 'CHANNEL_LOGIN',
    ...input,
  })
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as SendOutcome
}

async function refusal(input: Record<string, unknown>): Promise<CallError> {
  const envelope = await services.dispatch('sms.send', {
    profileId: 'local-sandbox',
    channel: 'CHANNEL_LOGIN',
    ...input,
  })
  if (envelope.ok) throw new Error('the send was not refused')
  return envelope.error
}

/** A stored profile of the user's own that sends to the sandbox emulator; its id. */
async function emulatorProfile(name: string, environment: 'staging' | 'production'): Promise<string> {
  const created = await services.dispatch('profiles.create', {
    fields: { name, environment, appHost: services.emulator.running!.url, appId: 'local-sandbox-app' },
  })
  if (!created.ok) throw new Error(`${created.error.code}: ${created.error.message}`)
  return (created.value as { id: string }).id
}

function entries(): HistoryEntry[] {
  return services.history.query({ filter: {}, limit: 500 }).entries
}

describe('sending through the sandbox profile', () => {
  it('sends once, records the entry before and after, and reports the emulator answer', async () => {
    const { entryId, result } = await send({ phoneNumber: '138 0013 8000', phoneCountryCode: '+86', note: 'TICKET-1' })
    expect(result.kind).toBe('success')
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const received = services.emulator.running!.received()
    expect(received).toHaveLength(1)
    // Separators typed by the user are dropped: GenAuth documents the bare national number.
    expect(JSON.parse(received[0]!.body)).toEqual({
      channel: 'CHANNEL_LOGIN',
      phoneNumber: '13800138000',
      phoneCountryCode: '+86',
    })
    expect(received[0]!.headers['x-authing-lang']).toBe('en-US')
    const entry = services.history.get(entryId, true)
    expect(entry).toMatchObject({
      outcome: 'success',
      phoneNumber: '13800138000',
      note: 'TICKET-1',
      profileName: 'Local sandbox',
      appId: 'local-sandbox-app',
      requestId: result.requestId,
    })
    expect(events).toEqual(['history.changed', 'history.changed'])
  })

  it('refuses an invalid number with the reason, sends nothing, records nothing', async () => {
    const error = await refusal({ phoneNumber: '12345', phoneCountryCode: '+86' })
    expect(error.code).toBe('invalid-phone')
    expect(error.message).toContain('not a valid number')
    const withCode = await refusal({ phoneNumber: '+8613800138000' })
    expect(withCode.message).toContain('country code')
    expect(services.emulator.running!.received()).toHaveLength(0)
    expect(entries()).toHaveLength(0)
  })

  it('sends an invalid number when the user overrides, and records the override', async () => {
    const { entryId, result } = await send({ phoneNumber: '12345', phoneCountryCode: '+86', overrideValidation: true })
    // The emulator validates like a server would.
    expect(result.kind).toBe('business-failure')
    expect(result.statusCode).toBe(400)
    expect(services.history.get(entryId, true)).toMatchObject({ validationOverride: true, phoneNumber: '12345' })
  })

  it("accepts the emulator's reserved numbers on the sandbox without an override", async () => {
    const { entryId, result } = await send({ phoneNumber: '10000000403' })
    expect(result).toMatchObject({ kind: 'business-failure', statusCode: 403 })
    expect(services.history.get(entryId, false).validationOverride).toBe(false)
  })

  it('refuses a second send within the cooldown, allows it after 60 s, and records a deliberate override', async () => {
    await send({ phoneNumber: '13800138000', phoneCountryCode: '+86' })
    now += 30_000
    const error = await refusal({ phoneNumber: '13800138000', phoneCountryCode: '+86' })
    expect(error.code).toBe('cooldown')
    expect(error.message).toMatch(/3\d s left/)
    // Another channel and another number are free.
    await send({ phoneNumber: '13800138000', phoneCountryCode: '+86', channel: 'CHANNEL_REGISTER' })
    await send({ phoneNumber: '13900139000', phoneCountryCode: '+86' })

    // Overriding reproduces the server's own throttle answer, which starts a fresh cooldown.
    const forced = await send({ phoneNumber: '13800138000', phoneCountryCode: '+86', overrideCooldown: true })
    expect(forced.result.statusCode).toBe(429)
    expect(services.history.get(forced.entryId, false).cooldownOverride).toBe(true)
    now += 45_000
    expect((await refusal({ phoneNumber: '13800138000', phoneCountryCode: '+86' })).code).toBe('cooldown')
    now += 15_001
    const report = await services.cooldownFor({
      profileId: 'local-sandbox',
      phoneNumber: '13800138000',
      phoneCountryCode: '+86',
    })
    expect(report.channels.find((channel) => channel.channel === 'CHANNEL_LOGIN')?.state).toBe('free')
  })

  it('never cools a reserved number on the sandbox, like the emulator, but still cools it elsewhere', async () => {
    for (const phoneNumber of ['10000000200', '10000000429']) {
      await send({ phoneNumber })
      now += 1_000
      const again = await send({ phoneNumber })
      expect(services.history.get(again.entryId, false).cooldownOverride).toBe(false)
      const report = await services.cooldownFor({ profileId: 'local-sandbox', phoneNumber })
      expect(report.channels.every((channel) => channel.state === 'free')).toBe(true)
    }
    expect(services.emulator.running!.received()).toHaveLength(4)

    // A profile of its own pointed at the emulator is no sandbox: the app keeps GenAuth's rule there.
    const profileId = await emulatorProfile('Emulator as staging', 'staging')
    const elsewhere = { profileId, channel: 'CHANNEL_REGISTER', phoneNumber: '10000000200', overrideValidation: true }
    await send(elsewhere)
    expect((await refusal(elsewhere)).code).toBe('cooldown')
  })

  it('sends once when the same send is clicked twice at the same moment', async () => {
    const both = await Promise.all([
      services.dispatch('sms.send', {
        profileId: 'local-sandbox',
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '10000009001',
      }),
      services.dispatch('sms.send', {
        profileId: 'local-sandbox',
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '10000009001',
      }),
    ])
    expect(both.filter((envelope) => envelope.ok)).toHaveLength(1)
    expect(both.find((envelope) => !envelope.ok)).toMatchObject({ error: { code: 'in-flight' } })
    expect(services.emulator.running!.received()).toHaveLength(1)
  })

  it('speaks the language chosen in Settings unless the profile overrides it', async () => {
    await services.dispatch('settings.update', { language: 'zh-CN' })
    const { result } = await send({ phoneNumber: '10000000200' })
    expect(services.emulator.running!.received()[0]!.headers['x-authing-lang']).toBe('zh-CN')
    expect(result.message).toBe('操作成功')
  })
})

describe('production profiles', () => {
  it('refuse to send without the confirmation, and send with it', async () => {
    const profileId = await emulatorProfile('Prod', 'production')
    const error = await refusal({ profileId, phoneNumber: '13800138000', phoneCountryCode: '+86' })
    expect(error.code).toBe('needs-confirmation')
    expect(services.emulator.running!.received()).toHaveLength(0)
    expect(entries()).toHaveLength(0)
    const { result } = await send({ profileId, phoneNumber: '13800138000', phoneCountryCode: '+86', confirmed: true })
    expect(result.kind).toBe('success')
  })

  it('refuses an App ID no request could carry before anything is stored, recorded or sent', async () => {
    const created = await services.dispatch('profiles.create', {
      fields: { name: 'Odd', environment: 'staging', appHost: services.emulator.running!.url, appId: 'app\u0007id' },
    })
    expect(created).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(services.profiles.list().profiles.map((profile) => profile.name)).not.toContain('Odd')
    expect(services.emulator.running!.received()).toHaveLength(0)
    expect(entries()).toHaveLength(0)
  })
})
