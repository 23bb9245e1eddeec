import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/**
 * The height that lets an element reach the bottom of the window, less `reserve` pixels below it.
 * A virtual list needs a fixed height; this keeps it filling the window at any size.
 */
export function useFillHeight(element: Ref<HTMLElement | null>, reserve: number, minimum = 200): Ref<number> {
  const height = ref(minimum)
  function measure(): void {
    const top = element.value?.getBoundingClientRect().top ?? 0
    height.value = Math.max(minimum, Math.floor(window.innerHeight - top - reserve))
  }
  let observer: ResizeObserver | null = null
  onMounted(() => {
    measure()
    window.addEventListener('resize', measure)
    // Filters wrapping onto another line move the list down without a window resize.
    observer = new ResizeObserver(measure)
    observer.observe(document.body)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('resize', measure)
    observer?.disconnect()
  })
  return height
}
