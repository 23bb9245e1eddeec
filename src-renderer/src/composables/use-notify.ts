import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import type { CallError } from '@shared/contract'
import { CallFailure } from '../api/client'

/** Toasts for outcomes of the user's actions: main's own message for a refused call, a copy confirmation. */
export function useNotify() {
  const message = useMessage()
  const { t } = useI18n()

  function failure(error: unknown): void {
    message.error(errorText(error, t('common.unexpectedError')))
  }

  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text)
      message.success(t('common.copied'))
    } catch {
      message.error(t('common.copyFailed'))
    }
  }

  return { failure, copy, success: (text: string) => message.success(text) }
}

/** What to tell the user about a failed action: main's message when main refused, else a generic line. */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof CallFailure) return error.error.message
  return error instanceof Error && error.message ? `${fallback} (${error.message})` : fallback
}

/** The error main answered with, when the failure was main's refusal. */
export function callErrorOf(error: unknown): CallError | null {
  return error instanceof CallFailure ? error.error : null
}

/** `invalid-input` issues keyed by field path, with a prefix removed (`fields.name` -> `name`). */
export function issuesByField(error: CallError | null, prefix = ''): Record<string, string> {
  if (error?.code !== 'invalid-input' || !error.issues) return {}
  const byField: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path
    byField[path] ??= issue.message
  }
  return byField
}
