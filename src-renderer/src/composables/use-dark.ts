import { computed, ref, type ComputedRef } from 'vue'
import { useSettingsStore } from '../stores/settings'

// The OS preference, followed while the window is open.
const osDark = ref(false)
const query = typeof window !== 'undefined' ? window.matchMedia?.('(prefers-color-scheme: dark)') : undefined
if (query) {
  osDark.value = query.matches
  query.addEventListener('change', (event) => (osDark.value = event.matches))
}

/** Whether the window is dark: the theme setting, or the OS's preference when it says "system". */
export function useDark(): ComputedRef<boolean> {
  const settings = useSettingsStore()
  return computed(() => settings.theme === 'dark' || (settings.theme === 'system' && osDark.value))
}
