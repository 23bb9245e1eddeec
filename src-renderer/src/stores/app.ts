import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AppInfo, Catalog, CatalogEntry, DataWarning, FailureAdvice } from '@shared/contract'
import { adviceFor as adviceOf, catalogEntry } from '@shared/explain'
import { call } from '../api/client'
import { StoreId } from './store-id'

/** What main tells about itself once per start: channels, emulator numbers, the apiCode catalog. */
export const useAppStore = defineStore(StoreId.App, () => {
  const info = shallowRef<AppInfo | null>(null)
  const catalog = shallowRef<Catalog | null>(null)
  /** Set when main could not be reached at start; the shell shows it instead of an empty console. */
  const startupError = ref<unknown>(null)
  /** Damaged files kept aside in the data folder; each stays until the user dismisses it. */
  const warnings = shallowRef<DataWarning[]>([])

  const channels = computed(() => info.value?.channels ?? [])
  const errorCodePage = computed(() => catalog.value?.errorCodePage ?? null)

  // The channels (in the info) let the form be used; the catalog is read only once a result shows, so each
  // is taken as it arrives.
  async function load(): Promise<void> {
    const infoLoaded = call('app.info', {}).then((appInfo) => {
      info.value = appInfo
      warnings.value = appInfo.warnings
    })
    const catalogLoaded = call('catalog.get', {}).then((codes) => void (catalog.value = codes))
    await Promise.all([infoLoaded, catalogLoaded])
  }

  async function dismissWarning(id: string): Promise<void> {
    warnings.value = await call('app.dismissWarning', { id })
  }

  /** The warnings as main announced them (recorded or dismissed in another window or process). */
  function applyWarnings(next: DataWarning[]): void {
    warnings.value = next
  }

  function explain(kind: CatalogEntry['kind'], code: number | null): CatalogEntry | null {
    return catalog.value ? catalogEntry(catalog.value, kind, code) : null
  }

  /** What an HTTP failure or a timeout usually means: this status's own advice, else the kind's general one. */
  function adviceFor(kind: string, httpStatus: number | null): FailureAdvice | null {
    return catalog.value ? adviceOf(catalog.value, { kind, httpStatus }) : null
  }

  return {
    info,
    catalog,
    startupError,
    warnings,
    channels,
    errorCodePage,
    load,
    dismissWarning,
    applyWarnings,
    explain,
    adviceFor,
  }
})
