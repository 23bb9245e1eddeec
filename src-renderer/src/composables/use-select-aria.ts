import { computed, h, ref, useId, type VNode } from 'vue'
import type { SelectOption } from 'naive-ui'

/**
 * Naive UI's select renders no ARIA roles. This gives one select the combobox / listbox / option
 * semantics screen readers expect: spread `inputProps` into its input props, and pass `menuProps`,
 * `renderOption` and `onUpdateShow`.
 */
export function useSelectAria() {
  const listId = useId()
  const expanded = ref(false)
  const inputProps = computed(() => ({
    role: 'combobox',
    'aria-expanded': expanded.value,
    'aria-controls': listId,
    'aria-autocomplete': 'list' as const,
  }))
  const menuProps = { id: listId, role: 'listbox' }
  function renderOption({ node, selected }: { node: VNode; option: SelectOption; selected: boolean }): VNode {
    return h('div', { role: 'option', 'aria-selected': selected }, [node])
  }
  function onUpdateShow(show: boolean): void {
    expanded.value = show
  }
  return { inputProps, menuProps, renderOption, onUpdateShow }
}
