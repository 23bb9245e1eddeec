import type { HistoryFilter } from '@shared/contract'

/**
 * One search box for the two things people paste: a phone number (digits, maybe with + and
 * separators) filters by phone, anything else by requestId.
 */
export function searchFilter(text: string): Pick<HistoryFilter, 'phone' | 'requestId'> {
  const trimmed = text.trim()
  if (!trimmed) return {}
  if (/^[\d\s+\-().]+$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '')
    return digits ? { phone: digits.slice(0, 32) } : {}
  }
  return { requestId: trimmed.slice(0, 200) }
}
