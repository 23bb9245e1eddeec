import { defineAsyncComponent, type Component } from 'vue'
import LoadFailedNotice from '../components/LoadFailedNotice.vue'
import LoadingNotice from '../components/LoadingNotice.vue'
import { loadAllTexts } from '../i18n'

/**
 * A part of the window that the first screen does not need, loaded in its own chunk the first time it
 * renders, with the texts beyond the first screen. A slow load says so to screen readers too; a failed one
 * says why instead of leaving a gap.
 */
export function lazyComponent<T extends Component>(loader: () => Promise<{ default: T }>): T {
  return defineAsyncComponent({
    loader: () => Promise.all([loader(), loadAllTexts()]).then(([module]) => module.default),
    loadingComponent: LoadingNotice,
    errorComponent: LoadFailedNotice,
    delay: 150,
  }) as T
}
