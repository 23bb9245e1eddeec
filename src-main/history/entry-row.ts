import type { HistoryEntry } from '../shared/contract/history'
import type { Environment } from '../shared/contract/profiles'
import { channelOf, outcomeOf } from './codes'
import { decodeDetailText, parseDetail, type EntryDetail } from './detail-codec'
import { maskPhone } from '../shared/phone/mask'
import { phoneMasker } from './mask'

/** The columns of a full entry: `history h` with its context `c`, phone `p` and class `k`. */
export const ENTRY_SELECT = `
  SELECT h.id, h.created_at, h.completed_at, c.profile_id, c.profile_name, c.environment, c.app_id, c.operator,
         k.channel, p.country_code, p.number, k.outcome, k.http_status, k.status_code, k.api_code, h.latency_ms,
         h.cooldown_override, h.validation_override, h.note, h.detail
  FROM history h JOIN contexts c ON c.id = h.context_id JOIN phones p ON p.id = h.phone_id
    JOIN classes k ON k.id = h.class_id`

export interface EntryRow {
  id: number
  created_at: number
  completed_at: number | null
  profile_id: string
  profile_name: string
  environment: string
  app_id: string
  operator: string
  channel: number
  country_code: string
  number: string
  outcome: number
  http_status: number | null
  status_code: number | null
  api_code: number | null
  latency_ms: number | null
  cooldown_override: number
  validation_override: number
  note: string | null
  detail: ArrayBuffer | null
}

const NO_DETAIL: EntryDetail = { message: null, requestId: null, request: null, response: null }

/**
 * The entry as the renderer sees it. Unless revealed, the phone is masked everywhere it was recorded:
 * the number, the note, and the whole exchange (masked as JSON text before parsing, one pass).
 */
export function toEntry(row: EntryRow, revealPhone: boolean): HistoryEntry {
  const hide = revealPhone ? null : phoneMasker(row.number)
  let detail = NO_DETAIL
  if (row.detail) {
    const json = decodeDetailText(row.detail, { appId: row.app_id, phoneNumber: row.number })
    detail = parseDetail(revealPhone ? json : phoneMasker(row.number, true)(json))
  }
  return {
    id: row.id,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    profileId: row.profile_id,
    profileName: row.profile_name,
    environment: row.environment as Environment,
    appId: row.app_id,
    channel: channelOf(row.channel),
    phoneCountryCode: row.country_code === '' ? null : row.country_code,
    phoneNumber: hide ? maskPhone(row.number) : row.number,
    operator: row.operator,
    note: hide && row.note !== null ? hide(row.note) : row.note,
    cooldownOverride: row.cooldown_override === 1,
    validationOverride: row.validation_override === 1,
    outcome: outcomeOf(row.outcome),
    httpStatus: row.http_status,
    statusCode: row.status_code,
    apiCode: row.api_code,
    message: detail.message,
    requestId: detail.requestId,
    latencyMs: row.latency_ms,
    request: detail.request,
    response: detail.response,
  }
}
