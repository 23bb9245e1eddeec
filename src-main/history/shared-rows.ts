import type { NewHistoryEntry } from './types'
import type { Statements } from './statements'

/** An entry's channel and how it ended (outcome and answer codes), stored once in `classes`. */
export interface EntryClass {
  channel: number
  outcome: number
  httpStatus: number | null
  statusCode: number | null
  apiCode: number | null
}

export const NO_ANSWER = { httpStatus: null, statusCode: null, apiCode: null }

/*
 * The id of the shared row for a value, created on first use. Called inside the entry's write
 * transaction, so two processes cannot both create the same row.
 */

export function contextId(statements: Statements, entry: NewHistoryEntry): number {
  const params = {
    profileId: entry.profileId,
    profileName: entry.profileName,
    environment: entry.environment,
    appId: entry.appId,
    operator: entry.operator,
  }
  const existing = statements.get<{ id: number }>(
    `SELECT id FROM contexts WHERE profile_id = :profileId AND profile_name = :profileName
       AND environment = :environment AND app_id = :appId AND operator = :operator`,
    params,
  )
  if (existing) return existing.id
  return statements.run(
    `INSERT INTO contexts (profile_id, profile_name, environment, app_id, operator)
     VALUES (:profileId, :profileName, :environment, :appId, :operator)`,
    params,
  ).lastInsertRowid
}

export function phoneId(statements: Statements, countryCode: string | null, number: string): number {
  const params = { countryCode: countryCode ?? '', number }
  const existing = statements.get<{ id: number }>(
    'SELECT id FROM phones WHERE number = :number AND country_code = :countryCode',
    params,
  )
  if (existing) return existing.id
  return statements.run('INSERT INTO phones (country_code, number, digits) VALUES (:countryCode, :number, :digits)', {
    ...params,
    digits: number.replace(/\D/g, ''),
  }).lastInsertRowid
}

export function classId(statements: Statements, entryClass: EntryClass): number {
  const params = { ...entryClass }
  const existing = statements.get<{ id: number }>(
    `SELECT id FROM classes WHERE channel = :channel AND outcome = :outcome AND http_status IS :httpStatus
       AND status_code IS :statusCode AND api_code IS :apiCode`,
    params,
  )
  if (existing) return existing.id
  return statements.run(
    `INSERT INTO classes (channel, outcome, http_status, status_code, api_code)
     VALUES (:channel, :outcome, :httpStatus, :statusCode, :apiCode)`,
    params,
  ).lastInsertRowid
}
