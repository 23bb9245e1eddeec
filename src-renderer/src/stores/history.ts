import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ExportFormat, HistoryCursor, HistoryEntry, HistoryFilter, HistoryPage } from '@shared/contract'
import { call } from '../api/client'
import { StoreId } from './store-id'

/** Large enough that scrolling fetches rarely, small enough that the first screen comes at once. */
export const HISTORY_PAGE_SIZE = 200

/**
 * The history list under one filter, newest first, loaded a page at a time with keyset cursors.
 * Entries sit in a shallow array replaced on every change, so 100,000 rows cost no deep reactivity.
 */
export const useHistoryStore = defineStore(StoreId.History, () => {
  const filter = shallowRef<HistoryFilter>({})
  const entries = shallowRef<HistoryEntry[]>([])
  const nextCursor = shallowRef<HistoryCursor | null>(null)
  const counts = shallowRef<HistoryPage['counts']>({})
  const total = ref(0)
  const loaded = ref(false)
  const loading = ref(false)
  const loadingMore = ref(false)
  /** Bumped by every fresh load, so an answer for an older filter is dropped. */
  let generation = 0
  /** A head refresh is running; changes announced meanwhile are fetched once more after it. */
  let refreshing: Promise<void> | null = null
  let changedMeanwhile = false

  function applyTotals(page: HistoryPage): void {
    counts.value = page.counts
    total.value = page.total
  }

  async function load(next?: HistoryFilter): Promise<void> {
    if (next) filter.value = next
    const current = ++generation
    loading.value = true
    try {
      const page = await call('history.query', { filter: filter.value, limit: HISTORY_PAGE_SIZE })
      if (current !== generation) return
      entries.value = page.entries
      nextCursor.value = page.nextCursor
      applyTotals(page)
      loaded.value = true
    } finally {
      if (current === generation) loading.value = false
    }
    // A change announced while the page was on its way may be missing from it.
    if (current === generation && changedMeanwhile) await refreshHead()
  }

  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (!cursor || loadingMore.value || loading.value) return
    const current = generation
    loadingMore.value = true
    try {
      const page = await call('history.query', { filter: filter.value, cursor, limit: HISTORY_PAGE_SIZE })
      if (current !== generation) return
      const known = new Set(entries.value.map((entry) => entry.id))
      entries.value = [...entries.value, ...page.entries.filter((entry) => !known.has(entry.id))]
      nextCursor.value = page.nextCursor
      applyTotals(page)
    } finally {
      loadingMore.value = false
    }
  }

  /**
   * After a change in main: new entries go on top and updated ones (a send that completed) are replaced,
   * keeping the pages already scrolled through. When the head no longer joins the list (entries were
   * deleted, or more arrived than a page holds) the list starts again from the top. Changes announced
   * while a refresh runs cost one more refresh, not one each.
   */
  async function refreshHead(): Promise<void> {
    if (refreshing || loading.value) {
      changedMeanwhile = true
      return refreshing ?? undefined
    }
    if (!loaded.value) return
    changedMeanwhile = false
    refreshing = fetchHead()
    try {
      await refreshing
    } finally {
      refreshing = null
    }
    if (changedMeanwhile) await refreshHead()
  }

  async function fetchHead(): Promise<void> {
    const current = generation
    const page = await call('history.query', { filter: filter.value, limit: HISTORY_PAGE_SIZE })
    if (current !== generation) return
    const known = new Set(entries.value.map((entry) => entry.id))
    const fresh = page.entries.filter((entry) => !known.has(entry.id))
    const gap = fresh.length === page.entries.length && entries.value.length > 0 && page.nextCursor !== null
    if (page.total < entries.value.length || gap || entries.value.length === 0) {
      entries.value = page.entries
      nextCursor.value = page.nextCursor
    } else {
      const updated = new Map(page.entries.map((entry) => [entry.id, entry]))
      entries.value = [...fresh, ...entries.value.map((entry) => updated.get(entry.id) ?? entry)]
    }
    applyTotals(page)
  }

  async function get(id: number, revealPhone: boolean): Promise<HistoryEntry> {
    return call('history.get', { id, revealPhone })
  }

  async function exportFiltered(format: ExportFormat, revealPhones: boolean) {
    return call('history.export', { filter: filter.value, format, revealPhones })
  }

  /** The list follows with the `history.changed` event main sends when entries were deleted. */
  async function clear(): Promise<number> {
    return (await call('history.clear', { confirm: true })).deleted
  }

  return {
    filter,
    entries,
    nextCursor,
    counts,
    total,
    loaded,
    loading,
    loadingMore,
    load,
    loadMore,
    refreshHead,
    get,
    exportFiltered,
    clear,
  }
})
