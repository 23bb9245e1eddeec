import { computed, shallowRef, watch, type Ref } from 'vue'
import type { GlobalTheme } from 'naive-ui'

/**
 * Naive UI's theme for the parts built with it. The dark theme carries every component's dark styles
 * (about 46 KB), so it loads only once the window turns dark; until then the light styles show.
 */
export function useNaiveTheme(dark: Ref<boolean>): Ref<GlobalTheme | null> {
  const darkTheme = shallowRef<GlobalTheme | null>(null)
  watch(
    dark,
    async (isDark) => {
      if (isDark && !darkTheme.value) darkTheme.value = (await import('naive-ui/es/themes/dark')).darkTheme
    },
    { immediate: true },
  )
  return computed(() => (dark.value ? darkTheme.value : null))
}
