import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { HistoryEntry, HistoryQuery, Outcome } from '@shared/contract'
import { useTransport } from '../../src-renderer/src/api/client'
import { HISTORY_PAGE_SIZE, useHistoryStore } from '../../src-renderer/src/stores/history'
import { FakeMain } from './support/fake-main'

function entry(id: number, outcome: Outcome = 'success'): HistoryEntry {
  return {
    id,
    createdAt: 1_700_000_000_000 + id * 1000,
    completedAt: 1_700_000_000_000 + id * 1000 + 40,
    profileId: 'local-sandbox',
    profileName: 'Local sandbox',
    environment: 'sandbox',
    appId: 'local-sandbox-app',
    channel: 'CHANNEL_LOGIN',
    phoneCountryCode: '+86',
    phoneNumber: '138****8000',
    operator: 'support',
    note: null,
    cooldownOverride: false,
    validationOverride: false,
    outcome,
    httpStatus: 200,
    statusCode: 200,
    apiCode: null,
    message: 'ok',
    requestId: `req-${id}`,
    latencyMs: 40,
    request: null,
    response: null,
  }
}

/** A history kept newest first and served by keyset, as main's history.query does. */
function historyMain(rows: HistoryEntry[]) {
  const main = new FakeMain({
    'history.query': (query: HistoryQuery) => {
      const sorted = [...rows].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
      const after = query.cursor
        ? sorted.filter(
            (row) =>
              row.createdAt < query.cursor!.createdAt ||
              (row.createdAt === query.cursor!.createdAt && row.id < query.cursor!.id),
          )
        : sorted
      const limit = query.limit ?? 100
      const page = after.slice(0, limit)
      const last = page.at(-1)
      const counts: Partial<Record<Outcome, number>> = {}
      for (const row of rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1
      return {
        entries: page,
        nextCursor: after.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
        counts,
        total: rows.length,
      }
    },
  })
  useTransport(main)
  return main
}

beforeEach(() => setActivePinia(createPinia()))

describe('the history store', () => {
  it('loads newest first and pages on with the cursor of the last entry', async () => {
    const count = HISTORY_PAGE_SIZE * 2 + HISTORY_PAGE_SIZE / 2
    const rows = Array.from({ length: count }, (_, index) => entry(index + 1))
    const main = historyMain(rows)
    const history = useHistoryStore()
    await history.load({ channel: 'CHANNEL_LOGIN' })
    expect(history.entries).toHaveLength(HISTORY_PAGE_SIZE)
    expect(history.entries[0]!.id).toBe(count)
    expect(history.total).toBe(count)

    await history.loadMore()
    await history.loadMore()
    expect(history.entries.map((row) => row.id)).toEqual(rows.map((row) => row.id).reverse())
    expect(history.nextCursor).toBeNull()
    const queries = main.inputsOf('history.query')
    expect(queries[1]).toMatchObject({
      filter: { channel: 'CHANNEL_LOGIN' },
      cursor: { id: count - HISTORY_PAGE_SIZE + 1 },
    })
    expect(queries.every((query) => query.filter?.channel === 'CHANNEL_LOGIN')).toBe(true)

    await history.loadMore()
    expect(main.inputsOf('history.query')).toHaveLength(3)
  })

  it('puts new entries on top and replaces completed ones, keeping the pages already loaded', async () => {
    const count = HISTORY_PAGE_SIZE + HISTORY_PAGE_SIZE / 2
    const rows = Array.from({ length: count }, (_, index) => entry(index + 1))
    historyMain(rows)
    const history = useHistoryStore()
    await history.load()
    await history.loadMore()
    expect(history.entries).toHaveLength(count)

    rows.push(entry(count + 1, 'sending'))
    await history.refreshHead()
    expect(history.entries).toHaveLength(count + 1)
    expect(history.entries[0]).toMatchObject({ id: count + 1, outcome: 'sending' })

    rows[count] = entry(count + 1, 'business-failure')
    await history.refreshHead()
    expect(history.entries).toHaveLength(count + 1)
    expect(history.entries[0]!.outcome).toBe('business-failure')
    expect(history.counts['business-failure']).toBe(1)
  })

  it('starts again from the top when entries were deleted', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => entry(index + 1))
    historyMain(rows)
    const history = useHistoryStore()
    await history.load()
    rows.splice(0, rows.length, entry(31))
    await history.refreshHead()
    expect(history.entries.map((row) => row.id)).toEqual([31])
    expect(history.total).toBe(1)
  })

  it('drops an answer for a filter that has since been replaced', async () => {
    const rows = [entry(1), entry(2, 'timeout')]
    const main = historyMain(rows)
    let release: () => void = () => {}
    const slow = new Promise<void>((resolve) => (release = resolve))
    const history = useHistoryStore()
    main.on('history.query', async (query) => {
      if (query.filter?.outcome === 'success') await slow
      const matching = rows.filter((row) => !query.filter?.outcome || row.outcome === query.filter.outcome)
      return { entries: matching, nextCursor: null, counts: {}, total: matching.length }
    })
    const first = history.load({ outcome: 'success' })
    await history.load({ outcome: 'timeout' })
    release()
    await first
    expect(history.entries.map((row) => row.id)).toEqual([2])
  })
})
