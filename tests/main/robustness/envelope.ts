import { ERROR_CODES, type ErrorCode } from '../../../src-main/shared/contract'

export type Verdict = { kind: 'ok'; value: unknown } | { kind: 'refused'; code: ErrorCode; message: string }

/**
 * What a caller got back, checked to be a well-formed envelope: `{ ok: true, value }` or
 * `{ ok: false, error: { code, message } }` with a code from the contract's list and a message to show.
 * Anything else is a defect, described in the thrown error.
 */
export function verdictOf(envelope: unknown): Verdict {
  if (typeof envelope !== 'object' || envelope === null) throw new Error(`not an envelope: ${describe(envelope)}`)
  const { ok, value, error } = envelope as { ok?: unknown; value?: unknown; error?: unknown }
  if (ok === true) return { kind: 'ok', value }
  if (ok !== false || typeof error !== 'object' || error === null)
    throw new Error(`not an envelope: ${describe(envelope)}`)
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (!(ERROR_CODES as readonly unknown[]).includes(code)) throw new Error(`untyped error code: ${describe(envelope)}`)
  if (typeof message !== 'string' || message.trim() === '')
    throw new Error(`error without a message: ${describe(envelope)}`)
  return { kind: 'refused', code: code as ErrorCode, message }
}

export function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item))
    return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 400)}...` : text
  } catch {
    return String(value)
  }
}
