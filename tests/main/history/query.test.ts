import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SMS_CHANNELS,
  type HistoryEntry,
  type HistoryFilter,
  type Outcome,
  type SendResult,
} from '../../../src-main/shared/contract'
import type { HistoryStore } from '../../../src-main/history'
import { openDatabase } from '../../../src-main/history/database'
import { toStoredFilter } from '../../../src-main/history/filter'
import { countOutcomes } from '../../../src-main/history/outcome-counts'
import { pageKeys, type PlanLimits } from '../../../src-main/history/page-keys'
import { Statements } from '../../../src-main/history/statements'
import { newEntry, sendResult, TempHistory, T0 } from './history-fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A small seeded generator, so a failure can be reproduced. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

const PROFILES = [
  { profileId: 'p-prod', profileName: 'Production', environment: 'production' as const, appId: 'app-prod' },
  { profileId: 'p-stage', profileName: 'Staging', environment: 'staging' as const, appId: 'app-stage' },
  { profileId: 'p-stage', profileName: 'Staging (renamed)', environment: 'staging' as const, appId: 'app-stage' },
  { profileId: 'p-rare', profileName: 'Rare', environment: 'sandbox' as const, appId: 'app-rare' },
]
const PHONES: [string | null, string][] = [
  ['+86', '13800138000'],
  ['+86', '13812345678'],
  [null, '13812345678'],
  ['+86', '18800008888'],
  ['+1', '4155550123'],
  ['+44', '7700900123'],
  ['+86', '15012345678'],
  ['+852', '51234567'],
]
const RESULTS: (Partial<SendResult> & Pick<SendResult, 'kind'>)[] = [
  { kind: 'success' },
  { kind: 'success' },
  { kind: 'success', message: 'Operation successful' },
  { kind: 'business-failure', statusCode: 429, message: '您的请求已超过最大数量限制，请稍后重试' },
  { kind: 'business-failure', statusCode: 400, apiCode: 99006, message: 'bad phone' },
  { kind: 'business-failure', statusCode: 499, apiCode: 2011, message: '应用不存在' },
  { kind: 'http-failure', statusCode: 503, httpStatus: 503, message: 'Service unavailable' },
  { kind: 'http-failure', statusCode: 429, httpStatus: 429, message: 'Too many' },
  { kind: 'timeout', statusCode: null, httpStatus: null, message: null, requestId: null, response: null },
  { kind: 'network-failure', statusCode: null, httpStatus: null, message: null, requestId: null, response: null },
]

let temp: TempHistory
let history: HistoryStore
/** Every entry as stored, phones revealed: the reference the queries are checked against. */
let all: HistoryEntry[]

beforeAll(() => {
  temp = new TempHistory()
  history = temp.open()
  const random = seeded(7)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  let at = T0
  for (let index = 0; index < 400; index++) {
    // Mostly minutes apart, sometimes in the same millisecond, now and then a day or two later.
    const gap = random()
    at += gap < 0.1 ? 0 : gap < 0.13 ? Math.floor(random() * 2 * DAY) : Math.floor(random() * 120_000)
    temp.clock.now = at
    const profile = index % 37 === 0 ? PROFILES[3]! : pick(PROFILES.slice(0, 3))
    const [phoneCountryCode, phoneNumber] = pick(PHONES)
    const entry = newEntry({ ...profile, phoneCountryCode, phoneNumber, channel: pick(SMS_CHANNELS) })
    const id = history.begin(entry)
    if (index % 50 === 7) continue
    const shape = pick(RESULTS)
    history.complete(id, sendResult(entry, { ...shape, requestId: shape.requestId === null ? null : `req-${index}` }))
  }
  temp.clock.advance(20 * 60_000)
  history.recoverInterrupted()
  history.begin(newEntry({ phoneNumber: '19900000000' }))
  all = history.export({}, 'json', true).count > 0 ? JSON.parse(history.export({}, 'json', true).content).entries : []
})
afterAll(() => temp.dispose())

const digits = (text: string): string => text.replace(/\D/g, '')

/** The documented meaning of each filter, written plainly. */
function matches(entry: HistoryEntry, filter: HistoryFilter): boolean {
  if (filter.profileId !== undefined && entry.profileId !== filter.profileId) return false
  if (filter.channel !== undefined && entry.channel !== filter.channel) return false
  if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false
  if (filter.statusCode !== undefined && entry.statusCode !== filter.statusCode) return false
  if (filter.apiCode !== undefined && entry.apiCode !== filter.apiCode) return false
  if (filter.phone !== undefined && filter.phone.trim() !== '') {
    const wanted = digits(filter.phone)
    if (wanted === '' || !digits(entry.phoneNumber).includes(wanted)) return false
  }
  if (filter.requestId !== undefined && filter.requestId.trim() !== '' && entry.requestId !== filter.requestId.trim()) {
    return false
  }
  if (filter.from !== undefined && entry.createdAt < filter.from) return false
  if (filter.to !== undefined && entry.createdAt >= filter.to) return false
  return true
}

function expected(filter: HistoryFilter): { ids: number[]; counts: Partial<Record<Outcome, number>> } {
  const chosen = all.filter((entry) => matches(entry, filter))
  chosen.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
  const counts: Partial<Record<Outcome, number>> = {}
  for (const entry of chosen) counts[entry.outcome] = (counts[entry.outcome] ?? 0) + 1
  return { ids: chosen.map((entry) => entry.id), counts }
}

/** Reads every page of a filter, checking each page on the way. */
function readAll(filter: HistoryFilter, limit: number): { ids: number[]; pages: number } {
  const ids: number[] = []
  let cursor: { createdAt: number; id: number } | undefined
  let pages = 0
  for (;;) {
    const page = history.query({ filter, cursor, limit })
    pages++
    expect(page.entries.length).toBeLessThanOrEqual(limit)
    for (const entry of page.entries) expect(entry.phoneNumber).toContain('*')
    ids.push(...page.entries.map((entry) => entry.id))
    if (!page.nextCursor) break
    expect(page.entries.length).toBe(limit)
    cursor = page.nextCursor
  }
  return { ids, pages }
}

const t = (hours: number): number => T0 + hours * HOUR

const FILTERS: HistoryFilter[] = [
  {},
  { profileId: 'p-stage' },
  { profileId: 'p-rare' },
  { profileId: 'nobody' },
  { channel: 'CHANNEL_LOGIN' },
  { channel: 'CHANNEL_DELETE_ACCOUNT' },
  { outcome: 'success' },
  { outcome: 'business-failure' },
  { outcome: 'unknown' },
  { outcome: 'sending' },
  { outcome: 'unparseable-body' },
  { statusCode: 429 },
  { statusCode: 200 },
  { statusCode: 777 },
  { apiCode: 2011 },
  { apiCode: 99006 },
  { phone: '13812345678' },
  { phone: '138 1234-5678' },
  { phone: '5678' },
  { phone: '138' },
  { phone: '1' },
  { phone: '0000' },
  { phone: '99999999' },
  { phone: 'abc' },
  { phone: '   ' },
  { requestId: 'req-5' },
  { requestId: ' req-5 ' },
  { requestId: 'req-' },
  { requestId: '   ' },
  { from: t(2) },
  { to: t(3) },
  { from: t(1.5), to: t(4.25) },
  { from: t(2), to: t(3) },
  { from: t(2.1), to: t(2.2) },
  { from: t(100) },
  { from: t(30), to: t(5 * 24 + 7.5) },
  { from: t(0.5), to: t(8 * 24) },
  { to: t(3 * 24 + 0.25) },
  { from: t(2 * 24 - 0.5) },
  { from: t(24), to: t(48) },
  { outcome: 'success', from: t(10), to: t(90) },
  { channel: 'CHANNEL_LOGIN', outcome: 'success' },
  { profileId: 'p-stage', statusCode: 429 },
  { profileId: 'p-prod', from: t(1), to: t(5) },
  { phone: '5678', channel: 'CHANNEL_REGISTER' },
  { phone: '138', outcome: 'success' },
  { phone: '138', from: t(1) },
  { statusCode: 429, from: t(1), to: t(6) },
  { outcome: 'http-failure', statusCode: 429 },
  { requestId: 'req-12', channel: 'CHANNEL_LOGIN' },
]

describe('history queries', () => {
  it('has a varied data set to query', () => {
    const outcomes = new Set(all.map((entry) => entry.outcome))
    expect(all.length).toBe(401)
    expect(all[0]!.createdAt - all[all.length - 1]!.createdAt).toBeGreaterThan(8 * DAY)
    expect([...outcomes].sort()).toEqual(
      ['business-failure', 'http-failure', 'network-failure', 'sending', 'success', 'timeout', 'unknown'].sort(),
    )
  })

  it.each(FILTERS.map((filter) => [JSON.stringify(filter), filter] as const))(
    'filter %s: every page, in order, with the counts of the whole filter',
    (_, filter) => {
      const want = expected(filter)
      const { ids } = readAll(filter, 7)
      expect(ids).toEqual(want.ids)
      const first = history.query({ filter, limit: 7 })
      expect(first.counts).toEqual(want.counts)
      expect(first.total).toBe(want.ids.length)
      expect(history.counts(filter)).toEqual({ counts: want.counts, total: want.ids.length })
    },
  )

  it('finds the rows of every planning strategy the same way', () => {
    const db = openDatabase(temp.file)
    const statements = new Statements(db)
    const strategies: PlanLimits[] = [
      { smallSet: 16, fewEntries: 20_000 },
      { smallSet: 0, fewEntries: 20_000 },
      { smallSet: 0, fewEntries: 0 },
      { smallSet: 1, fewEntries: 5 },
    ]
    try {
      for (const filter of FILTERS) {
        const want = expected(filter)
        const stored = toStoredFilter(filter)
        for (const limits of strategies) {
          const keys = pageKeys(statements, stored, undefined, 1000, limits).map((key) => key.id)
          // requestId keys are hash matches, checked against the id itself by the store.
          if (filter.requestId === undefined || filter.requestId.trim() === '') expect(keys).toEqual(want.ids)
          else expect(keys).toEqual(expect.arrayContaining(want.ids))
          if (filter.requestId === undefined) {
            expect(countOutcomes(statements, stored, limits)).toEqual({ counts: want.counts, total: want.ids.length })
          }
        }
      }
    } finally {
      db.close()
    }
  })

  it('pages stably while new entries arrive', () => {
    const filter: HistoryFilter = { phone: '138' }
    const before = expected(filter).ids
    const first = history.query({ filter, limit: 10 })
    const cursor = first.nextCursor!
    // New sends land while the user reads page 1: one in the very millisecond of the cursor, one later.
    temp.clock.now = cursor.createdAt
    const sameMillisecond = history.begin(newEntry({ phoneNumber: '13812345678' }))
    temp.clock.now = all[0]!.createdAt + 5000
    const later = history.begin(newEntry({ phoneNumber: '13812345678' }))

    const rest: number[] = []
    let next: typeof cursor | null = cursor
    while (next) {
      const page = history.query({ filter, cursor: next, limit: 10 })
      rest.push(...page.entries.map((entry) => entry.id))
      next = page.nextCursor
    }
    const seen = [...first.entries.map((entry) => entry.id), ...rest]
    expect(seen).toEqual(before)
    expect(seen).not.toContain(sameMillisecond)
    expect(seen).not.toContain(later)
    const fresh = readAll(filter, 50).ids
    expect(fresh[0]).toBe(later)
    expect(fresh.indexOf(sameMillisecond)).toBeGreaterThan(0)
    expect(fresh.indexOf(sameMillisecond)).toBeLessThan(fresh.indexOf(cursor.id))
  })

  it('returns an empty last page rather than a cursor to nothing', () => {
    const filter: HistoryFilter = { profileId: 'p-rare' }
    const count = expected(filter).ids.length
    const page = history.query({ filter, limit: count })
    expect(page.entries).toHaveLength(count)
    expect(page.nextCursor).toBeNull()
  })
})
