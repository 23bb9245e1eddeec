import { createHash } from 'node:crypto'
import type { HistoryFilter } from '../shared/contract/history'
import { channelCode, outcomeCode } from './codes'
import type { Params } from './statements'

/** A filter in stored terms. `matchesNothing`: a phone filter without a digit can match no entry. */
export interface StoredFilter {
  profileId?: string
  operator?: string
  channel?: number
  outcome?: number
  statusCode?: number
  apiCode?: number
  phoneDigits?: string
  requestId?: string
  from?: number
  to?: number
  matchesNothing: boolean
}

/**
 * `phone` matches any part of the digits of the stored number (separators typed in the filter are
 * ignored); `requestId` matches exactly; `from` is inclusive and `to` exclusive. Blank text filters
 * are no filter.
 */
export function toStoredFilter(filter: HistoryFilter): StoredFilter {
  const stored: StoredFilter = { matchesNothing: false }
  if (filter.profileId !== undefined) stored.profileId = filter.profileId
  if (filter.operator !== undefined) stored.operator = filter.operator
  if (filter.channel !== undefined) stored.channel = channelCode(filter.channel)
  if (filter.outcome !== undefined) stored.outcome = outcomeCode(filter.outcome)
  if (filter.statusCode !== undefined) stored.statusCode = filter.statusCode
  if (filter.apiCode !== undefined) stored.apiCode = filter.apiCode
  if (filter.from !== undefined) stored.from = filter.from
  if (filter.to !== undefined) stored.to = filter.to
  const phone = filter.phone?.trim() ?? ''
  if (phone !== '') {
    stored.phoneDigits = phone.replace(/\D/g, '')
    if (stored.phoneDigits === '') stored.matchesNothing = true
  }
  const requestId = filter.requestId?.trim() ?? ''
  if (requestId !== '') stored.requestId = requestId
  return stored
}

/** The indexed stand-in for a requestId: 32 bits of its SHA-256; matches are checked against the id itself. */
export function requestKey(requestId: string): number {
  return createHash('sha256').update(requestId, 'utf8').digest().readUInt32BE(0)
}

/**
 * Filters that select a set of rows of a small table, each row standing for many entries: the contexts
 * of a profile or an operator, the phones containing the digits, the classes (channel and answer) that match.
 */
export type SetDimension = 'context' | 'phone' | 'class'

export const DIMENSION_COLUMN: Record<SetDimension, string> = {
  context: 'context_id',
  phone: 'phone_id',
  class: 'class_id',
}

export const DIMENSION_INDEX: Record<SetDimension, string> = {
  context: 'history_context',
  phone: 'history_phone',
  class: 'history_class',
}

export function setDimensions(filter: StoredFilter): SetDimension[] {
  const dimensions: SetDimension[] = []
  if (filter.phoneDigits !== undefined) dimensions.push('phone')
  if (contextTerms(filter) !== null) dimensions.push('context')
  if (classTerms(filter) !== null) dimensions.push('class')
  return dimensions
}

/** SQL selecting the ids of the dimension's rows that the filter accepts (parameters: filterParams). */
export function dimensionIds(dimension: SetDimension, filter: StoredFilter): string {
  switch (dimension) {
    case 'context':
      return `SELECT id FROM contexts WHERE ${contextTerms(filter) ?? '1'}`
    case 'phone':
      return 'SELECT id FROM phones WHERE instr(digits, :phoneDigits) > 0'
    case 'class':
      return `SELECT id FROM classes WHERE ${classTerms(filter) ?? '1'}`
  }
}

function contextTerms(filter: StoredFilter): string | null {
  const terms: string[] = []
  if (filter.profileId !== undefined) terms.push('profile_id = :profileId')
  if (filter.operator !== undefined) terms.push('operator = :operator')
  return terms.length > 0 ? terms.join(' AND ') : null
}

function classTerms(filter: StoredFilter): string | null {
  const terms: string[] = []
  if (filter.channel !== undefined) terms.push('channel = :channel')
  if (filter.outcome !== undefined) terms.push('outcome = :outcome')
  if (filter.statusCode !== undefined) terms.push('status_code = :statusCode')
  if (filter.apiCode !== undefined) terms.push('api_code = :apiCode')
  return terms.length > 0 ? terms.join(' AND ') : null
}

/** Every named parameter the filter's SQL may use; SQL that does not name one ignores it. */
export function filterParams(filter: StoredFilter): Params {
  return {
    profileId: filter.profileId ?? null,
    operator: filter.operator ?? null,
    phoneDigits: filter.phoneDigits ?? null,
    channel: filter.channel ?? null,
    outcome: filter.outcome ?? null,
    statusCode: filter.statusCode ?? null,
    apiCode: filter.apiCode ?? null,
    requestKey: filter.requestId === undefined ? null : requestKey(filter.requestId),
    from: filter.from ?? null,
    to: filter.to ?? null,
  }
}
