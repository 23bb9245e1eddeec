import Database from 'libsql'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newEntry, record, TempHistory, T0 } from './history-fixtures'

const DAY = 86_400_000

let temp: TempHistory
beforeEach(() => {
  temp = new TempHistory()
})
afterEach(() => temp.dispose())

function storedPhones(file: string): string[] {
  const db = new Database(file)
  try {
    return (db.prepare('SELECT number FROM phones ORDER BY number').all({}) as { number: string }[]).map(
      (row) => row.number,
    )
  } finally {
    db.close()
  }
}

/** One entry a day for `days` days, ending today; returns the ids, oldest first. */
function daily(days: number): number[] {
  const history = temp.open()
  const ids: number[] = []
  for (let day = days - 1; day >= 0; day--) {
    ids.push(
      record(history, temp.clock, T0 - day * DAY, newEntry({ phoneNumber: `1380000${String(day).padStart(4, '0')}` })),
    )
  }
  return ids
}

describe('history retention', () => {
  it('deletes entries older than the given days', () => {
    const ids = daily(10)
    const history = temp.open()
    temp.clock.now = T0 + 1
    expect(history.applyRetention({ days: 3, maxEntries: null })).toBe(7)
    expect(history.query({ filter: {}, limit: 50 }).entries.map((entry) => entry.id)).toEqual(ids.slice(7).reverse())
    expect(history.counts({}).total).toBe(3)
    expect(history.applyRetention({ days: 3, maxEntries: null })).toBe(0)
  })

  it('keeps the entry exactly at the boundary', () => {
    daily(3)
    const history = temp.open()
    temp.clock.now = T0
    expect(history.applyRetention({ days: 2, maxEntries: null })).toBe(0)
    temp.clock.now = T0 + 1
    expect(history.applyRetention({ days: 2, maxEntries: null })).toBe(1)
  })

  it('keeps only the newest entries beyond a maximum, ties broken by id', () => {
    const history = temp.open()
    const ids = [T0, T0 + 10, T0 + 10, T0 + 10, T0 + 20].map((at) => record(history, temp.clock, at, newEntry()))
    expect(history.applyRetention({ days: null, maxEntries: 3 })).toBe(2)
    expect(history.query({ filter: {}, limit: 10 }).entries.map((entry) => entry.id)).toEqual([ids[4], ids[3], ids[2]])
    expect(history.applyRetention({ days: null, maxEntries: 3 })).toBe(0)
    expect(history.applyRetention({ days: null, maxEntries: 100 })).toBe(0)
  })

  it('applies both limits together', () => {
    daily(10)
    const history = temp.open()
    temp.clock.now = T0 + 1
    expect(history.applyRetention({ days: 5, maxEntries: 2 })).toBe(8)
    expect(history.counts({}).total).toBe(2)
  })

  it('forgets the phone numbers of deleted entries', () => {
    daily(4)
    expect(storedPhones(temp.file)).toHaveLength(4)
    const history = temp.open()
    temp.clock.now = T0 + 1
    history.applyRetention({ days: 2, maxEntries: null })
    expect(storedPhones(temp.file)).toEqual(['13800000000', '13800000001'])
    expect(history.query({ filter: { phone: '0003' }, limit: 10 }).entries).toEqual([])
  })

  it('clears everything, phones included, and counts what it deleted', () => {
    daily(5)
    const history = temp.open()
    expect(history.clear()).toBe(5)
    expect(history.query({ filter: {}, limit: 10 })).toEqual({ entries: [], nextCursor: null, counts: {}, total: 0 })
    expect(history.counts({ phone: '1380' }).total).toBe(0)
    expect(history.counts({ from: T0 - 10 * DAY }).total).toBe(0)
    expect(storedPhones(temp.file)).toEqual([])
    expect(history.clear()).toBe(0)
  })

  it('keeps counting after a clear', () => {
    daily(3)
    const history = temp.open()
    history.clear()
    record(history, temp.clock, T0 + 5, newEntry({ phoneNumber: '13800000042' }))
    expect(history.counts({})).toEqual({ counts: { success: 1 }, total: 1 })
    expect(history.counts({ phone: '0042' }).total).toBe(1)
    expect(history.counts({ from: T0 - DAY }).total).toBe(1)
  })

  it('deletes in batches, past a batch boundary', () => {
    const history = temp.open()
    for (let index = 0; index < 5200; index++) record(history, temp.clock, T0 + index, newEntry())
    expect(history.applyRetention({ days: null, maxEntries: 100 })).toBe(5100)
    expect(history.counts({}).total).toBe(100)
    expect(history.query({ filter: {}, limit: 1 }).entries[0]!.createdAt).toBe(T0 + 5199)
  })
})
