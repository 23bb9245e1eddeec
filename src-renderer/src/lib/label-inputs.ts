import type { Directive } from 'vue'

/**
 * Names the inputs inside an element, in order. Naive UI's date picker takes no input props, so this
 * is how its start and end inputs get an accessible name.
 */
export const vLabelInputs: Directive<HTMLElement, readonly string[]> = {
  mounted: nameInputs,
  updated: nameInputs,
}

function nameInputs(element: HTMLElement, binding: { value: readonly string[] }): void {
  element.querySelectorAll('input').forEach((input, index) => {
    const name = binding.value[index]
    if (name) input.setAttribute('aria-label', name)
  })
}
