import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { adHocAppProfile, adHocProfile } from '../../../src-main/cli/ad-hoc-profile'
import type {
  CooldownReport,
  Envelope,
  HistoryPage,
  ProfileList,
  RedactedRequest,
  SendOutcome,
} from '../../../src-main/shared/contract'
import type { Dispatch } from '../../../src-main/dispatch/dispatcher'
import { createDispatch } from '../../../src-main/dispatch/create-dispatch'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import { createServices, type Services } from '../../../src-main/services'

const PHONE = { phoneNumber: '13800138000', phoneCountryCode: '+86' }
const RESERVED = { phoneNumber: '10000000200' }

let emulator: RunningEmulator
let dataDir: string
let services: Services
let now: number

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, appIds: ['stand-in-app'], cooldownMs: 0 })
})
afterAll(() => emulator.close())

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'create-dispatch-'))
  now = Date.UTC(2030, 0, 1, 12, 0, 0)
  services = await createServices({ dataDir, mode: 'cli', clock: () => now, osLanguage: 'en-US' })
})

afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function valueOf<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as T
}

async function loginState(dispatch: Dispatch, profileId: string, phone: object): Promise<string | undefined> {
  const report = valueOf<CooldownReport>(await dispatch('cooldown.forPhone', { profileId, ...phone }))
  return report.channels.find((channel) => channel.channel === 'CHANNEL_LOGIN')?.state
}

describe('createDispatch with a stand-in profile (the CLI ad-hoc send)', () => {
  it('sends to the stand-in host and still answers the stored profiles', async () => {
    const standIn = adHocProfile(emulator.url, 'stand-in-app', 5000)
    const dispatch = createDispatch(services, { standIn })
    const before = emulator.received().length

    const outcome = valueOf<SendOutcome>(
      await dispatch('sms.send', { profileId: standIn.id, channel: 'CHANNEL_LOGIN', ...PHONE }),
    )
    expect(outcome.result.kind).toBe('success')
    expect(emulator.received().length).toBe(before + 1)
    // The stand-in is not stored: the stored list is as it was, and the built-in sandbox still sends.
    const list = valueOf<ProfileList>(await dispatch('profiles.list', {}))
    expect(list.profiles.map((profile) => profile.id)).not.toContain(standIn.id)
    const sandbox = valueOf<SendOutcome>(
      await dispatch('sms.send', { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN', ...PHONE }),
    )
    expect(sandbox.result.kind).toBe('success')
    expect(emulator.received().length).toBe(before + 1)
  })

  it('knows no stand-in without being given one', async () => {
    const envelope = await createDispatch(services)('cooldown.forPhone', { profileId: 'ad-hoc', ...PHONE })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it("reads an App ID's cooldown on the services' clock (cooldown --app-id)", async () => {
    const sender = createDispatch(services, { standIn: adHocProfile(emulator.url, 'stand-in-app', 5000) })
    valueOf(await sender('sms.send', { profileId: 'ad-hoc', channel: 'CHANNEL_LOGIN', ...PHONE }))
    const reader = createDispatch(services, { standIn: adHocAppProfile('stand-in-app') })

    now += 30_000
    expect(await loginState(reader, 'ad-hoc', PHONE)).toBe('cooling')
    // Only the services' clock moved: a reading of the wall clock would still see the channel cooling.
    now += 30_001
    expect(await loginState(reader, 'ad-hoc', PHONE)).toBe('free')
  })

  it('treats reserved numbers as reserved on a loopback stand-in only', async () => {
    const loopback = createDispatch(services, { standIn: adHocProfile(emulator.url, 'stand-in-app', 5000) })
    valueOf(await loopback('sms.send', { profileId: 'ad-hoc', channel: 'CHANNEL_LOGIN', ...RESERVED }))
    expect(await loginState(loopback, 'ad-hoc', RESERVED)).toBe('free')
    // An App ID alone names no host: its reserved-looking numbers cool like any other.
    const appOnly = createDispatch(services, { standIn: adHocAppProfile('stand-in-app') })
    expect(await loginState(appOnly, 'ad-hoc', RESERVED)).toBe('cooling')
  })

  it("previews the stand-in's request through the same dispatch, sending and recording nothing (send --as-curl)", async () => {
    const standIn = adHocProfile(emulator.url, 'stand-in-app', 5000)
    const dispatch = createDispatch(services, { standIn })
    const before = emulator.received().length

    const request = valueOf<RedactedRequest>(
      await dispatch('sms.preview', { profileId: standIn.id, channel: 'CHANNEL_LOGIN', ...PHONE }),
    )
    expect(request.url).toBe(`${emulator.url}/api/v3/send-sms`)
    expect(JSON.parse(request.body)).toMatchObject({ channel: 'CHANNEL_LOGIN', phoneNumber: PHONE.phoneNumber })
    expect(emulator.received().length).toBe(before)
    const page = valueOf<HistoryPage>(await dispatch('history.query', { filter: {}, limit: 10 }))
    expect(page.entries).toEqual([])
    expect(await loginState(dispatch, standIn.id, PHONE)).toBe('free')
    // The send flow's checks hold: a number it would refuse is refused here too.
    const refused = await dispatch('sms.preview', {
      profileId: standIn.id,
      channel: 'CHANNEL_LOGIN',
      phoneNumber: '12',
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-phone' } })
  })
})
