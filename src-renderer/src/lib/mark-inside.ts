import type { Directive } from 'vue'

/**
 * Runs `mark` on `root` now and again whenever something inside is added or removed; returns the function that
 * stops. For ARIA that Naive UI's components render without a prop to set it: their insides re-render on their
 * own, out of reach of the hooks of the component that uses them.
 */
export function markInside(root: HTMLElement, mark: (root: HTMLElement) => void): () => void {
  mark(root)
  const observer = new MutationObserver(() => mark(root))
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}

/** `markInside` as a directive: `mark` gets the element and the directive's current value. */
export function markingDirective<T>(mark: (element: HTMLElement, value: T) => void): Directive<HTMLElement, T> {
  const marked = new WeakMap<HTMLElement, { value: T; stop: () => void }>()
  return {
    mounted(element, binding) {
      const state = { value: binding.value, stop: () => {} }
      marked.set(element, state)
      state.stop = markInside(element, (root) => mark(root, state.value))
    },
    updated(element, binding) {
      const state = marked.get(element)
      if (!state) return
      state.value = binding.value
      mark(element, binding.value)
    },
    unmounted(element) {
      marked.get(element)?.stop()
      marked.delete(element)
    },
  }
}
