import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleError, HistoryEntry } from '../../../src-main/shared/contract'
import { INTERRUPTED_AFTER_MS, type HistoryNotice } from '../../../src-main/history'
import { newEntry, record, requestFor, sendResult, TempHistory } from './history-fixtures'

let temp: TempHistory
beforeEach(() => {
  temp = new TempHistory()
})
afterEach(() => temp.dispose())

describe('history entries', () => {
  it('keeps every field of the send and of its result', () => {
    const history = temp.open()
    const entry = newEntry({
      profileId: 'p-1',
      profileName: 'Production EU',
      environment: 'production',
      appId: '6391f2a0c7e5b1d4e8a9f0c1',
      channel: 'CHANNEL_RESET_PASSWORD',
      phoneCountryCode: null,
      phoneNumber: '15500001111',
      operator: 'bob',
      note: 'ticket 4711',
      cooldownOverride: true,
      validationOverride: true,
    })
    const result = sendResult(entry, {
      kind: 'business-failure',
      statusCode: 403,
      apiCode: 2333,
      message: 'Account not exists',
      requestId: 'xxxxxx-1',
      latencyMs: 123.6,
    })
    const id = history.begin(entry)
    temp.clock.advance(124)
    history.complete(id, result)

    const stored = history.get(id, true)
    expect(HistoryEntry.parse(stored)).toEqual(stored)
    expect(stored).toEqual({
      id,
      createdAt: temp.clock.now - 124,
      completedAt: temp.clock.now,
      profileId: 'p-1',
      profileName: 'Production EU',
      environment: 'production',
      appId: '6391f2a0c7e5b1d4e8a9f0c1',
      channel: 'CHANNEL_RESET_PASSWORD',
      phoneCountryCode: null,
      phoneNumber: '15500001111',
      operator: 'bob',
      note: 'ticket 4711',
      cooldownOverride: true,
      validationOverride: true,
      outcome: 'business-failure',
      httpStatus: 200,
      statusCode: 403,
      apiCode: 2333,
      message: 'Account not exists',
      requestId: 'xxxxxx-1',
      latencyMs: 124,
      request: result.request,
      response: result.response,
    })
  })

  it('records the request given at the start, then the one the result carries', () => {
    const history = temp.open()
    const entry = newEntry({ request: { ...requestFor(newEntry()), url: 'https://before.example/api/v3/send-sms' } })
    const id = history.begin(entry)
    expect(history.get(id, true).request?.url).toBe('https://before.example/api/v3/send-sms')
    const result = sendResult(entry, { kind: 'success' })
    history.complete(id, result)
    expect(history.get(id, true).request).toEqual(result.request)
  })

  it("keeps a transport failure's own words as the message", () => {
    const history = temp.open()
    const entry = newEntry()
    const id = history.begin(entry)
    history.complete(
      id,
      sendResult(entry, {
        kind: 'network-failure',
        statusCode: null,
        httpStatus: null,
        requestId: null,
        message: null,
        errorCode: 'ECONNREFUSED',
        errorMessage: 'connect ECONNREFUSED 127.0.0.1:1',
        response: null,
      }),
    )
    expect(history.get(id, true)).toMatchObject({
      outcome: 'network-failure',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
      requestId: null,
      response: null,
    })
  })

  it('masks the phone everywhere it was recorded unless asked to reveal it', () => {
    const history = temp.open()
    const entry = newEntry({ phoneNumber: '18812348888', note: 'called 18812348888 back' })
    const id = record(history, temp.clock, temp.clock.now, entry, {
      kind: 'business-failure',
      statusCode: 400,
      message: '18812348888 is not allowed',
    })

    const masked = history.get(id, false)
    expect(masked.phoneNumber).toBe('188****8888')
    expect(JSON.stringify(masked)).not.toContain('18812348888')
    expect(masked.note).toBe('called 188****8888 back')
    expect(masked.message).toBe('188****8888 is not allowed')
    expect(JSON.parse(masked.request!.body)).toMatchObject({ phoneNumber: '188****8888' })
    expect(masked.response!.body).toContain('188****8888 is not allowed')

    const revealed = history.get(id, true)
    expect(revealed.phoneNumber).toBe('18812348888')
    expect(JSON.parse(revealed.request!.body)).toMatchObject({ phoneNumber: '18812348888' })
    expect(history.query({ filter: {}, limit: 10 }).entries[0]!.phoneNumber).toBe('188****8888')
  })

  it('answers not-found for an entry that does not exist', () => {
    const history = temp.open()
    expect(() => history.get(42, false)).toThrow(ConsoleError)
    try {
      history.get(42, false)
    } catch (error) {
      expect((error as ConsoleError).code).toBe('not-found')
    }
  })

  it('keeps an entry in flight through retention and clear, so its send can complete', () => {
    const history = temp.open()
    const done = record(history, temp.clock, temp.clock.now, newEntry())
    const entry = newEntry({ phoneNumber: '13700000000' })
    const id = history.begin(entry)
    expect(history.applyRetention({ days: null, maxEntries: 0 })).toBe(1)
    expect(() => history.get(done, true)).toThrow(ConsoleError)
    expect(history.clear()).toBe(0)
    expect(history.counts({})).toEqual({ counts: { sending: 1 }, total: 1 })
    history.complete(id, sendResult(entry, { kind: 'success' }))
    expect(history.get(id, true).outcome).toBe('success')
    expect(history.counts({ phone: '137' })).toEqual({ counts: { success: 1 }, total: 1 })
  })

  it('leaves an entry deleted meanwhile deleted when its send completes at last', () => {
    const history = temp.open()
    const entry = newEntry()
    const id = history.begin(entry)
    temp.clock.advance(INTERRUPTED_AFTER_MS + 1)
    expect(history.recoverInterrupted()).toBe(1)
    expect(history.clear()).toBe(1)
    history.complete(id, sendResult(entry, { kind: 'success' }))
    expect(() => history.get(id, true)).toThrow(ConsoleError)
    expect(history.counts({}).total).toBe(0)
  })

  it('announces each change it writes, and only those that changed something', () => {
    const notices: HistoryNotice[] = []
    const history = temp.open({ onChange: (notice) => notices.push(notice) })
    const done = record(history, temp.clock, temp.clock.now, newEntry())
    const inFlight = history.begin(newEntry({ phoneNumber: '13700000000' }))
    expect(history.applyRetention({ days: null, maxEntries: 0 })).toBe(1)
    expect(history.clear()).toBe(0)
    temp.clock.advance(INTERRUPTED_AFTER_MS + 1)
    expect(history.recoverInterrupted()).toBe(1)
    expect(history.applyRetention({ days: null, maxEntries: 5 })).toBe(0)
    expect(history.clear()).toBe(1)
    expect(notices).toEqual([
      { change: 'recorded', entryId: done },
      { change: 'completed', entryId: done },
      { change: 'recorded', entryId: inFlight },
      { change: 'pruned', entryId: null },
      { change: 'recovered', entryId: null },
      { change: 'cleared', entryId: null },
    ])
  })

  it('gives a new entry a new id, never one of a deleted entry', () => {
    const history = temp.open()
    const first = record(history, temp.clock, temp.clock.now, newEntry())
    expect(history.clear()).toBe(1)
    const second = record(history, temp.clock, temp.clock.now + 1, newEntry())
    expect(second).toBeGreaterThan(first)
  })

  it('shares one file between two open stores', () => {
    const app = temp.open()
    const cli = temp.open()
    const id = record(cli, temp.clock, temp.clock.now, newEntry())
    expect(app.get(id, true).outcome).toBe('success')
    expect(app.counts({}).total).toBe(1)
  })
})
