import type { CallError, ErrorText } from '@shared/contract'

/** What rendering needs of vue-i18n: a component's `useI18n()` and the global composer both fit. */
export interface Translator {
  t(key: string, named: Record<string, unknown>): string
  te(key: string): boolean
}

type Issue = NonNullable<CallError['issues']>[number]

/** One text from main in the user's language, or main's English when this renderer has no translation for its key. */
export function renderErrorText(i18n: Translator, text: ErrorText): string {
  const path = `errors.${text.key}`
  return i18n.te(path) ? i18n.t(path, text.params) : text.message
}

/** A refusal from main as the user reads it: what went wrong, then what to do about it when main knows. */
export function renderCallError(i18n: Translator, error: CallError): string {
  const hint = error.hint ? ` ${renderErrorText(i18n, error.hint)}` : ''
  return `${renderErrorText(i18n, error)}${hint}`
}

/**
 * A schema issue as a line of its own, naming the field. The schema's words are English, so only the
 * English messages quote them; every language gets the field's path.
 */
export function renderIssue(i18n: Translator, issue: Issue): string {
  return i18n.t('invalidInput.issue', { path: issue.path, detail: issue.message })
}

/** A schema issue shown beside its field, where the path goes without saying. */
export function renderFieldIssue(i18n: Translator, issue: Issue): string {
  return i18n.t('invalidInput.field', { detail: issue.message })
}
