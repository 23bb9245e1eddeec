import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { COOLDOWN_MS, CooldownReport, SMS_CHANNELS, type SmsChannel } from '../../../src-main/shared/contract'
import { activeCooldown, checkCooldown, cooldownReport, InFlightLock } from '../../../src-main/cooldown'
import type { CooldownSubject, HistoryStore } from '../../../src-main/history'
import { newEntry, record, sendResult, TempHistory, T0 } from '../history/history-fixtures'

/** The fields of a result that got no answer at all. */
const NO_ANSWER = { statusCode: null, httpStatus: null, response: null, requestId: null, message: null }
const PHONE: CooldownSubject = { appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13812345678' }

let temp: TempHistory
let history: HistoryStore
let inFlight: InFlightLock
beforeEach(() => {
  temp = new TempHistory()
  history = temp.open()
  inFlight = new InFlightLock()
})
afterEach(() => temp.dispose())

/** Records a send to PHONE (or another subject) on a channel, answered at `at` after 300 ms. */
function send(
  channel: SmsChannel,
  at: number,
  result: Parameters<typeof record>[4] = { kind: 'success' },
  subject: CooldownSubject = PHONE,
): void {
  const entry = newEntry({ ...subject, channel })
  temp.clock.now = at - 300
  const id = history.begin(entry)
  temp.clock.now = at
  history.complete(id, sendResult(entry, result))
}

function state(channel: SmsChannel, now: number, subject: CooldownSubject = PHONE) {
  return checkCooldown(history, { ...subject, channel }, now, inFlight)
}

describe('cooldown', () => {
  it('reports every channel free for a phone never sent to', () => {
    const report = cooldownReport(history, PHONE, T0, inFlight)
    expect(CooldownReport.parse(report)).toEqual(report)
    expect(report.now).toBe(T0)
    expect(report.channels.map((channel) => channel.channel)).toEqual([...SMS_CHANNELS])
    expect(report.channels.every((channel) => channel.state === 'free' && channel.until === null)).toBe(true)
  })

  it('cools a channel for 60 s from the answer of a successful send, free at exactly 60 s', () => {
    send('CHANNEL_LOGIN', T0)
    expect(state('CHANNEL_LOGIN', T0)).toEqual({
      channel: 'CHANNEL_LOGIN',
      state: 'cooling',
      until: T0 + COOLDOWN_MS,
      reason: 'sent',
      outcome: 'success',
    })
    expect(state('CHANNEL_LOGIN', T0 + COOLDOWN_MS - 1).state).toBe('cooling')
    expect(state('CHANNEL_LOGIN', T0 + COOLDOWN_MS)).toEqual({
      channel: 'CHANNEL_LOGIN',
      state: 'free',
      until: null,
      reason: null,
      outcome: null,
    })
    expect(activeCooldown(history, { ...PHONE, channel: 'CHANNEL_LOGIN' }, T0)?.secondsLeft).toBe(60)
    expect(activeCooldown(history, { ...PHONE, channel: 'CHANNEL_LOGIN' }, T0 + 59_001)?.secondsLeft).toBe(1)
    expect(activeCooldown(history, { ...PHONE, channel: 'CHANNEL_LOGIN' }, T0 + COOLDOWN_MS)).toBeNull()
  })

  it('starts a fresh 60 s on a throttle answer, whatever kind of result carries it', () => {
    send('CHANNEL_LOGIN', T0)
    send('CHANNEL_LOGIN', T0 + 30_000, { kind: 'business-failure', statusCode: 429 })
    expect(state('CHANNEL_LOGIN', T0 + 70_000)).toEqual({
      channel: 'CHANNEL_LOGIN',
      state: 'cooling',
      until: T0 + 90_000,
      reason: 'throttled',
      outcome: 'business-failure',
    })
    send('CHANNEL_REGISTER', T0, { kind: 'http-failure', httpStatus: 429, statusCode: 429 })
    expect(state('CHANNEL_REGISTER', T0 + 1).reason).toBe('throttled')
    expect(state('CHANNEL_LOGIN', T0 + 90_000).state).toBe('free')
  })

  it('does not cool after an answer that says nothing was sent, or a failure before the request left', () => {
    send('CHANNEL_LOGIN', T0, { kind: 'business-failure', statusCode: 400, apiCode: 99006 })
    send('CHANNEL_REGISTER', T0, { kind: 'http-failure', httpStatus: 404, statusCode: null, response: null })
    send('CHANNEL_BIND_PHONE', T0, {
      ...NO_ANSWER,
      kind: 'network-failure',
      errorCode: 'ECONNREFUSED',
      errorMessage: 'connect ECONNREFUSED 127.0.0.1:9',
    })
    send('CHANNEL_BIND_MFA', T0, { ...NO_ANSWER, kind: 'network-failure', errorCode: 'ENOTFOUND', errorMessage: 'x' })
    for (const channel of ['CHANNEL_LOGIN', 'CHANNEL_REGISTER', 'CHANNEL_BIND_PHONE', 'CHANNEL_BIND_MFA'] as const) {
      expect(state(channel, T0 + 1).state).toBe(`free`)
    }
  })

  it('cools like a success after a send that may have reached GenAuth, saying so', () => {
    send('CHANNEL_LOGIN', T0, { ...NO_ANSWER, kind: 'timeout', errorCode: 'TIMEOUT', errorMessage: 'No answer' })
    send('CHANNEL_REGISTER', T0, { ...NO_ANSWER, kind: 'network-failure', errorCode: 'ECONNRESET', errorMessage: 'x' })
    send('CHANNEL_BIND_PHONE', T0, { kind: 'http-failure', httpStatus: 502, statusCode: null, response: null })
    send('CHANNEL_BIND_MFA', T0, { kind: 'unparseable-body', httpStatus: 200, statusCode: null })
    for (const [channel, outcome] of [
      ['CHANNEL_LOGIN', 'timeout'],
      ['CHANNEL_REGISTER', 'network-failure'],
      ['CHANNEL_BIND_PHONE', 'http-failure'],
      ['CHANNEL_BIND_MFA', 'unparseable-body'],
    ] as const) {
      expect(state(channel, T0 + 1)).toEqual({
        channel,
        state: 'cooling',
        until: T0 + COOLDOWN_MS,
        reason: 'maybe-sent',
        outcome,
      })
    }
    expect(activeCooldown(history, { ...PHONE, channel: 'CHANNEL_LOGIN' }, T0 + 30_000)).toEqual({
      secondsLeft: 30,
      reason: 'maybe-sent',
      outcome: 'timeout',
    })
  })

  it('counts from the answer, not from when the request left', () => {
    const entry = newEntry({ ...PHONE, channel: 'CHANNEL_LOGIN' })
    temp.clock.now = T0
    const id = history.begin(entry)
    temp.clock.now = T0 + 8000
    history.complete(id, sendResult(entry, { kind: 'success' }))
    expect(state('CHANNEL_LOGIN', T0 + COOLDOWN_MS).until).toBe(T0 + 8000 + COOLDOWN_MS)
  })

  it('survives a restart: the cooldown comes from the history file', () => {
    send('CHANNEL_LOGIN', T0)
    history.close()
    history = temp.open()
    expect(state('CHANNEL_LOGIN', T0 + 10_000)).toMatchObject({ state: 'cooling', until: T0 + COOLDOWN_MS })
  })

  it('keeps channels, phones, country codes and apps apart', () => {
    send('CHANNEL_LOGIN', T0)
    const report = cooldownReport(history, PHONE, T0 + 1, inFlight)
    expect(report.channels.filter((channel) => channel.state !== 'free').map((channel) => channel.channel)).toEqual([
      'CHANNEL_LOGIN',
    ])
    expect(state('CHANNEL_LOGIN', T0 + 1, { ...PHONE, phoneNumber: '13812345679' }).state).toBe('free')
    expect(state('CHANNEL_LOGIN', T0 + 1, { ...PHONE, phoneCountryCode: '+852' }).state).toBe('free')
    expect(state('CHANNEL_LOGIN', T0 + 1, { ...PHONE, appId: 'app-2' }).state).toBe('free')

    send('CHANNEL_LOGIN', T0 + 5000, { kind: 'success' }, { ...PHONE, appId: 'app-2' })
    expect(state('CHANNEL_LOGIN', T0 + 6000, { ...PHONE, appId: 'app-2' }).until).toBe(T0 + 5000 + COOLDOWN_MS)
    expect(state('CHANNEL_LOGIN', T0 + 6000).until).toBe(T0 + COOLDOWN_MS)
  })

  it('counts entries stored without a country code, or with +086, as +86', () => {
    send('CHANNEL_LOGIN', T0, { kind: 'success' }, { ...PHONE, phoneCountryCode: null })
    send('CHANNEL_REGISTER', T0, { kind: 'success' }, { ...PHONE, phoneCountryCode: '+086' })
    for (const phoneCountryCode of ['+86', null]) {
      expect(state('CHANNEL_LOGIN', T0 + 1, { ...PHONE, phoneCountryCode }).state).toBe('cooling')
      expect(state('CHANNEL_REGISTER', T0 + 1, { ...PHONE, phoneCountryCode }).state).toBe('cooling')
    }
  })

  it('knows a phone by its digits, however it was typed', () => {
    send('CHANNEL_LOGIN', T0, { kind: 'success' }, { ...PHONE, phoneNumber: '138 1234-5678' })
    expect(state('CHANNEL_LOGIN', T0 + 1).state).toBe('cooling')
    expect(state('CHANNEL_LOGIN', T0 + 1, { ...PHONE, phoneNumber: '(138) 1234 5678' }).state).toBe('cooling')
  })

  it('counts sends of every profile of the same app', () => {
    const entry = newEntry({ ...PHONE, profileId: 'other-profile', profileName: 'Other', channel: 'CHANNEL_LOGIN' })
    record(history, temp.clock, T0, entry)
    expect(state('CHANNEL_LOGIN', T0 + 1, PHONE).state).toBe('cooling')
  })

  it('shows a channel as sending while this process holds its lock', () => {
    const release = inFlight.tryAcquire({ ...PHONE, channel: 'CHANNEL_BIND_MFA' })!
    expect(state('CHANNEL_BIND_MFA', T0)).toEqual({
      channel: 'CHANNEL_BIND_MFA',
      state: 'sending',
      until: null,
      reason: null,
      outcome: null,
    })
    expect(state('CHANNEL_BIND_MFA', T0, { ...PHONE, appId: 'app-2' }).state).toBe('free')
    release()
    expect(state('CHANNEL_BIND_MFA', T0).state).toBe('free')
  })

  it('shows a send in flight in another live process as sending, and as maybe sent once that process is gone', async () => {
    const other = temp.open({ processId: process.ppid })
    temp.clock.now = T0
    other.begin(newEntry({ ...PHONE, channel: 'CHANNEL_VERIFY_MFA' }))
    expect(history.sendingChannels(PHONE)).toEqual(['CHANNEL_VERIFY_MFA'])
    expect(state('CHANNEL_VERIFY_MFA', T0).state).toBe('sending')

    const gone = spawn(process.execPath, ['-e', ''])
    await once(gone, 'exit')
    const crashed = temp.open({ processId: gone.pid! })
    crashed.begin(newEntry({ ...PHONE, channel: 'CHANNEL_UNBIND_MFA' }))
    // Cut off before its answer, it may have gone out: it cools from when it began.
    expect(state('CHANNEL_UNBIND_MFA', T0 + 1)).toMatchObject({
      state: 'cooling',
      until: T0 + COOLDOWN_MS,
      reason: 'maybe-sent',
    })
    // Marked `unknown` when the history is next opened, it still does.
    crashed.close()
    history.close()
    temp.clock.now = T0 + 1000
    history = temp.open()
    expect(state('CHANNEL_UNBIND_MFA', T0 + 1000)).toMatchObject({
      state: 'cooling',
      reason: 'maybe-sent',
      outcome: 'unknown',
    })
  })
})
