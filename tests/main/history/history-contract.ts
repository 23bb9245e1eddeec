import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ConsoleError,
  HistoryEntry,
  SMS_CHANNELS,
  type HistoryFilter,
  type Outcome,
  type SendResult,
  type SmsChannel,
} from '../../../src-main/shared/contract'
import { refuseBlockedSend, type AsyncHistoryStore } from '../../../src-main/history/async-history'
import type { NewHistoryEntry } from '../../../src-main/history'
import { newEntry, sendResult, T0, type TestClock } from './history-fixtures'

/** A store under test, on its own empty history, with the clock it reads. */
export interface ContractSubject {
  store: AsyncHistoryStore
  clock: TestClock
  dispose(): Promise<void>
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

type ResultShape = Partial<SendResult> & Pick<SendResult, 'kind'>

const OPERATORS = ['alice', 'bob', 'Bob']

const PROFILES = [
  { profileId: 'p-prod', profileName: 'Production', environment: 'production' as const, appId: 'app-prod' },
  { profileId: 'p-stage', profileName: 'Staging', environment: 'staging' as const, appId: 'app-stage' },
  { profileId: 'p-rare', profileName: 'Rare', environment: 'sandbox' as const, appId: 'app-rare' },
]
const PHONES: [string | null, string][] = [
  ['+86', '13800138000'],
  ['+86', '138 1234 5678'],
  [null, '18800008888'],
  ['+1', '4155550123'],
  ['+852', '51234567'],
]
const RESULTS: ResultShape[] = [
  { kind: 'success' },
  { kind: 'success', message: 'Operation successful' },
  { kind: 'business-failure', statusCode: 429, message: '您的请求已超过最大数量限制，请稍后重试' },
  { kind: 'business-failure', statusCode: 400, apiCode: 99006, message: 'bad phone' },
  { kind: 'http-failure', statusCode: 503, httpStatus: 503, message: 'Service unavailable' },
  { kind: 'timeout', statusCode: null, httpStatus: null, message: null, requestId: null, response: null },
]

const FILTERS: HistoryFilter[] = [
  {},
  { profileId: 'p-stage' },
  { profileId: 'nobody' },
  { operator: 'bob' },
  { operator: 'Bob' },
  { operator: 'bo' },
  { operator: 'bob', profileId: 'p-stage' },
  { operator: 'alice', outcome: 'success' },
  { operator: 'alice', phone: '138' },
  { operator: 'bob', from: T0 + 2 * HOUR },
  { channel: 'CHANNEL_LOGIN' },
  { outcome: 'success' },
  { outcome: 'unknown' },
  { outcome: 'sending' },
  { statusCode: 429 },
  { apiCode: 99006 },
  { phone: '13812345678' },
  { phone: '138 1234-5678' },
  { phone: '5678' },
  { phone: 'abc' },
  { phone: '   ' },
  { requestId: 'req-5' },
  { requestId: ' req-5 ' },
  { requestId: 'req-' },
  { from: T0 + 2 * HOUR },
  { to: T0 + 3 * HOUR },
  { from: T0 + 1.5 * HOUR, to: T0 + DAY },
  { profileId: 'p-stage', statusCode: 429 },
  { phone: '138', outcome: 'success', from: T0 + HOUR },
  { channel: 'CHANNEL_LOGIN', outcome: 'success' },
]

const digits = (text: string): string => text.replace(/\D/g, '')

/** The documented meaning of each filter, written plainly. */
function matches(entry: HistoryEntry, filter: HistoryFilter): boolean {
  const phone = filter.phone?.trim() ?? ''
  const requestId = filter.requestId?.trim() ?? ''
  return (
    (filter.profileId === undefined || entry.profileId === filter.profileId) &&
    (filter.operator === undefined || entry.operator === filter.operator) &&
    (filter.channel === undefined || entry.channel === filter.channel) &&
    (filter.outcome === undefined || entry.outcome === filter.outcome) &&
    (filter.statusCode === undefined || entry.statusCode === filter.statusCode) &&
    (filter.apiCode === undefined || entry.apiCode === filter.apiCode) &&
    (phone === '' || (digits(phone) !== '' && digits(entry.phoneNumber).includes(digits(phone)))) &&
    (requestId === '' || entry.requestId === requestId) &&
    (filter.from === undefined || entry.createdAt >= filter.from) &&
    (filter.to === undefined || entry.createdAt < filter.to)
  )
}

/**
 * The history contract every store keeps (the local SQLite one and the team's PostgreSQL one): what is
 * written reads back whole, filters, keyset pages, counts, export, and the cooldown facts the send flow
 * relies on. `open` gives a store on an empty history each time.
 */
export function describeHistoryContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`history contract: ${name}`, () => {
    let subject: ContractSubject
    let store: AsyncHistoryStore
    let clock: TestClock
    beforeEach(async () => {
      subject = await open()
      store = subject.store
      clock = subject.clock
    })
    afterEach(() => subject.dispose())

    async function record(entry: NewHistoryEntry, shape: ResultShape = { kind: 'success' }): Promise<number> {
      const id = await store.begin(entry)
      await store.complete(id, sendResult(entry, shape))
      return id
    }

    /** A varied history of 90 sends over two days, a few cut off, one still in flight. */
    async function seed(): Promise<HistoryEntry[]> {
      for (let index = 0; index < 90; index++) {
        // Minutes apart, sometimes in the same millisecond, once in a while hours later.
        clock.now += index % 9 === 4 ? 0 : index % 17 === 0 ? 5 * HOUR : 61_000 + index * 7
        const [phoneCountryCode, phoneNumber] = PHONES[(index * 7) % PHONES.length]!
        const entry = newEntry({
          ...PROFILES[index % 11 === 0 ? 2 : index % 2]!,
          phoneCountryCode,
          phoneNumber,
          channel: SMS_CHANNELS[(index * 5) % SMS_CHANNELS.length]!,
          operator: OPERATORS[index % 5 === 0 ? 2 : index % 3 === 0 ? 1 : 0]!,
        })
        const id = await store.begin(entry)
        if (index % 23 === 5) continue
        const shape = RESULTS[(index * 5) % RESULTS.length]!
        await store.complete(
          id,
          sendResult(entry, { ...shape, requestId: shape.requestId === null ? null : `req-${index}` }),
        )
      }
      // Long enough for every store to call the sends cut off above dead.
      clock.advance(20 * 60_000)
      await store.recoverInterrupted()
      await store.begin(newEntry({ phoneNumber: '19900000000' }))
      return JSON.parse((await store.export({}, 'json', true)).content).entries as HistoryEntry[]
    }

    it('keeps every field of a send and of its result, the phone masked unless revealed', async () => {
      const entry = newEntry({
        profileId: 'p-1',
        profileName: 'Production EU',
        environment: 'production',
        channel: 'CHANNEL_RESET_PASSWORD',
        phoneCountryCode: null,
        phoneNumber: '18812348888',
        operator: 'bob',
        note: 'called 18812348888 back',
        cooldownOverride: true,
        validationOverride: true,
      })
      const result = sendResult(entry, {
        kind: 'business-failure',
        statusCode: 403,
        apiCode: 2333,
        message: '18812348888 is not allowed',
        requestId: 'xxxxxx-1',
        latencyMs: 123.6,
      })
      const id = await store.begin(entry)
      const pending = await store.get(id, true)
      expect(pending).toMatchObject({ outcome: 'sending', completedAt: null, createdAt: T0 })
      clock.advance(124)
      await store.complete(id, result)

      const stored = await store.get(id, true)
      expect(HistoryEntry.parse(stored)).toEqual(stored)
      expect(stored).toEqual({
        ...pending,
        completedAt: T0 + 124,
        outcome: 'business-failure',
        httpStatus: 200,
        statusCode: 403,
        apiCode: 2333,
        message: '18812348888 is not allowed',
        requestId: 'xxxxxx-1',
        latencyMs: 124,
        request: result.request,
        response: result.response,
      })
      expect(stored).toMatchObject({ phoneCountryCode: null, phoneNumber: '18812348888', operator: 'bob' })

      const masked = await store.get(id, false)
      expect(JSON.stringify(masked)).not.toContain('18812348888')
      expect(masked).toMatchObject({ phoneNumber: '188****8888', note: 'called 188****8888 back' })
      expect(JSON.parse(masked.request!.body)).toMatchObject({ phoneNumber: '188****8888' })
    })

    it("keeps a transport failure's own words as the message", async () => {
      const entry = newEntry()
      const id = await record(entry, {
        kind: 'network-failure',
        statusCode: null,
        httpStatus: null,
        requestId: null,
        message: null,
        errorCode: 'ECONNREFUSED',
        errorMessage: 'connect ECONNREFUSED 127.0.0.1:1',
        response: null,
      })
      expect(await store.get(id, true)).toMatchObject({
        outcome: 'network-failure',
        message: 'connect ECONNREFUSED 127.0.0.1:1',
      })
    })

    it('answers not-found for an entry that does not exist, and completing it changes nothing', async () => {
      await expect(store.get(4242, false)).rejects.toMatchObject({ code: 'not-found' })
      await store.complete(4242, sendResult(newEntry(), { kind: 'success' }))
      expect(await store.counts({})).toEqual({ counts: {}, total: 0 })
    })

    it('reads every filter page by page, newest first, with the counts of the whole filter', async () => {
      const all = await seed()
      expect(all).toHaveLength(91)
      expect(new Set(all.map((entry) => entry.outcome))).toEqual(
        new Set<Outcome>(['success', 'business-failure', 'http-failure', 'timeout', 'unknown', 'sending']),
      )
      for (const filter of FILTERS) {
        const want = all.filter((entry) => matches(entry, filter))
        const counts: Partial<Record<Outcome, number>> = {}
        for (const entry of want) counts[entry.outcome] = (counts[entry.outcome] ?? 0) + 1
        const seen: number[] = []
        let cursor: { createdAt: number; id: number } | undefined
        for (;;) {
          const page = await store.query({ filter, cursor, limit: 7 })
          expect(page.counts, JSON.stringify(filter)).toEqual(counts)
          expect(page.total).toBe(want.length)
          for (const entry of page.entries) expect(entry.phoneNumber).toContain('*')
          seen.push(...page.entries.map((entry) => entry.id))
          if (!page.nextCursor) break
          expect(page.entries).toHaveLength(7)
          cursor = page.nextCursor
        }
        expect(seen, JSON.stringify(filter)).toEqual(want.map((entry) => entry.id))
        expect(await store.counts(filter)).toEqual({ counts, total: want.length })
      }
    })

    it('pages stably while new entries arrive', async () => {
      const all = await seed()
      const first = await store.query({ filter: {}, limit: 10 })
      clock.now = first.nextCursor!.createdAt
      const sameMillisecond = await store.begin(newEntry({ phoneNumber: '13700000001' }))
      const rest: number[] = []
      let cursor = first.nextCursor
      while (cursor) {
        const page = await store.query({ filter: {}, cursor, limit: 25 })
        rest.push(...page.entries.map((entry) => entry.id))
        cursor = page.nextCursor
      }
      expect([...first.entries.map((entry) => entry.id), ...rest]).toEqual(all.map((entry) => entry.id))
      expect(rest).not.toContain(sameMillisecond)
    })

    it('exports a filter as CSV and JSON, phones masked unless revealed', async () => {
      const all = await seed()
      const filter: HistoryFilter = { channel: 'CHANNEL_LOGIN' }
      const want = all.filter((entry) => matches(entry, filter))
      const json = await store.export(filter, 'json', false)
      expect(json.fileName).toMatch(/^sms-history-\d{8}T\d{6}Z\.json$/)
      const parsed = JSON.parse(json.content) as { count: number; entries: HistoryEntry[] }
      expect(parsed.count).toBe(want.length)
      expect(parsed.entries.map((entry) => entry.id)).toEqual(want.map((entry) => entry.id))
      for (const entry of parsed.entries) expect(entry.phoneNumber).toContain('*')
      const csv = await store.export(filter, 'csv', false)
      expect(csv.count).toBe(want.length)
      expect(csv.content.split('\r\n').filter(Boolean)).toHaveLength(want.length + 1)
      expect(csv.content).not.toContain('13800138000')
      expect((await store.export({ phone: '13800138000' }, 'csv', true)).content).toContain('13800138000')
    })

    it('reports the latest cooldown event of each channel: a success or a throttle answer', async () => {
      const phone = { appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13812345678' }
      await record(newEntry({ channel: 'CHANNEL_LOGIN' }))
      clock.advance(5000)
      await record(newEntry({ channel: 'CHANNEL_LOGIN' }))
      await record(newEntry({ channel: 'CHANNEL_REGISTER' }), { kind: 'business-failure', statusCode: 429 })
      await record(newEntry({ channel: 'CHANNEL_BIND_PHONE' }), { kind: 'business-failure', statusCode: 400 })
      await record(newEntry({ channel: 'CHANNEL_BIND_MFA', phoneNumber: '13800000000' }))
      await record(newEntry({ channel: 'CHANNEL_BIND_MFA', appId: 'app-2' }))
      const now = clock.now
      expect(await store.cooldownEvents(phone, now - 60_000)).toEqual([
        { channel: 'CHANNEL_LOGIN', at: now, reason: 'sent', outcome: 'success' },
        { channel: 'CHANNEL_REGISTER', at: now, reason: 'throttled', outcome: 'business-failure' },
      ])
      // The same phone typed with separators is the same phone.
      expect(await store.cooldownEvents({ ...phone, phoneNumber: '138 1234-5678' }, now - 60_000)).toHaveLength(2)
      expect(await store.cooldownEvents(phone, now)).toEqual([])
    })

    it('cools a channel after every end that may have reached GenAuth, and not after one that cannot have', async () => {
      const phone = { appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13812345678' }
      const transport = (errorCode: string): ResultShape => ({
        kind: 'network-failure',
        statusCode: null,
        httpStatus: null,
        requestId: null,
        message: null,
        errorCode,
        errorMessage: `${errorCode}: the connection failed`,
        response: null,
      })
      const noAnswer = { statusCode: null, httpStatus: null, requestId: null, message: null, response: null }
      const ends: [SmsChannel, ResultShape, boolean][] = [
        ['CHANNEL_LOGIN', { kind: 'timeout', ...noAnswer }, true],
        ['CHANNEL_REGISTER', transport('ECONNRESET'), true],
        ['CHANNEL_RESET_PASSWORD', { kind: 'http-failure', statusCode: 502, httpStatus: 502 }, true],
        ['CHANNEL_BIND_PHONE', { kind: 'unparseable-body', statusCode: null, httpStatus: 200 }, true],
        ['CHANNEL_UNBIND_PHONE', transport('ECONNREFUSED'), false],
        ['CHANNEL_BIND_MFA', { kind: 'http-failure', statusCode: 404, httpStatus: 404 }, false],
        ['CHANNEL_VERIFY_MFA', { kind: 'business-failure', statusCode: 400, apiCode: 99006 }, false],
      ]
      for (const [channel, shape] of ends) await record(newEntry({ channel }), shape)
      const cooling = ends.filter(([, , cools]) => cools).map(([channel]) => channel)
      const events = await store.cooldownEvents(phone, clock.now - 60_000)
      expect(events.map((event) => event.channel)).toEqual(SMS_CHANNELS.filter((c) => cooling.includes(c)))
      for (const event of events) expect(event).toMatchObject({ at: clock.now, reason: 'maybe-sent' })
    })

    it('cools a channel after a send cut off before its answer, once it is known to be dead', async () => {
      const phone = { appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13812345678' }
      await store.begin(newEntry({ channel: 'CHANNEL_LOGIN' }))
      clock.advance(20 * 60_000)
      await store.recoverInterrupted()
      expect(await store.sendingChannels(phone)).toEqual([])
      const events = await store.cooldownEvents(phone, T0 - 1)
      expect(events).toEqual([
        expect.objectContaining({ channel: 'CHANNEL_LOGIN', reason: 'maybe-sent', outcome: 'unknown' }),
      ])
    })

    it('lists a channel as sending while its send is in flight', async () => {
      const phone = { appId: 'app-1', phoneCountryCode: '+86', phoneNumber: '13812345678' }
      const entry = newEntry({ channel: 'CHANNEL_VERIFY_MFA' })
      const id = await store.begin(entry)
      expect(await store.sendingChannels(phone)).toEqual(['CHANNEL_VERIFY_MFA'])
      await store.complete(id, sendResult(entry, { kind: 'success' }))
      expect(await store.sendingChannels(phone)).toEqual([])
    })

    it('checks the key inside begin: one in flight, none while cooling unless overridden, nothing kept when refused', async () => {
      const entry = newEntry()
      const guard = { guard: (state: Parameters<typeof refuseBlockedSend>[0]) => refuseBlockedSend(state, false) }
      const id = await store.begin(entry, guard)
      await expect(store.begin(entry, guard)).rejects.toMatchObject({ code: 'in-flight' })
      await store.complete(id, sendResult(entry, { kind: 'success' }))
      clock.advance(15_000)
      const refusal = store.begin(entry, guard)
      await expect(refusal).rejects.toBeInstanceOf(ConsoleError)
      await expect(refusal).rejects.toMatchObject({
        code: 'cooldown',
        message: expect.stringContaining('45 s left'),
        key: 'sendCooldown',
        params: { seconds: 45 },
      })
      expect(await store.counts({})).toEqual({ counts: { success: 1 }, total: 1 })
      await store.begin({ ...entry, cooldownOverride: true }, { guard: (state) => refuseBlockedSend(state, true) })
      clock.advance(60_000)
      await store.begin({ ...entry, channel: 'CHANNEL_REGISTER' }, guard)
      expect(await store.counts({})).toEqual({ counts: { success: 1, sending: 2 }, total: 3 })
    })
  })
}
