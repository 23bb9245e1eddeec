import { useI18n } from 'vue-i18n'
import type { CallError } from '@shared/contract'
import { CallFailure } from '../api/client'
import { renderCallError, renderFieldIssue, type Translator } from '../i18n/error-text'
import { showNotice } from '../lib/notices'

/** Notices of the outcome of the user's actions: main's refusal in the user's language, a copy confirmation. */
export function useNotify() {
  const i18n = useI18n()
  const { t } = i18n

  function failure(error: unknown): void {
    showNotice('failure', failureText(i18n, error))
  }

  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text)
      showNotice('success', t('common.copied'))
    } catch {
      showNotice('failure', t('common.copyFailed'))
    }
  }

  return { failure, copy, success: (text: string) => showNotice('success', text) }
}

/** What to tell the user about a failed action: main's refusal when main refused, else a generic line. */
export function failureText(i18n: Translator, error: unknown): string {
  if (error instanceof CallFailure) return renderCallError(i18n, error.error)
  const fallback = i18n.t('common.unexpectedError', {})
  return error instanceof Error && error.message ? `${fallback} (${error.message})` : fallback
}

/** The error main answered with, when the failure was main's refusal. */
export function callErrorOf(error: unknown): CallError | null {
  return error instanceof CallFailure ? error.error : null
}

/** `invalid-input` issues keyed by field path, with a prefix removed (`fields.name` -> `name`), ready to show. */
export function issuesByField(i18n: Translator, error: CallError | null, prefix = ''): Record<string, string> {
  if (error?.code !== 'invalid-input' || !error.issues) return {}
  const byField: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path
    byField[path] ??= renderFieldIssue(i18n, issue)
  }
  return byField
}
