import Database from 'libsql'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleError } from '../../../src-main/shared/contract'
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../src-main/history'
import { channelCode, outcomeCode } from '../../../src-main/history/codes'
import { openDatabase } from '../../../src-main/history/database'
import { newEntry, record, TempHistory, T0 } from './history-fixtures'

let temp: TempHistory
beforeEach(() => {
  temp = new TempHistory()
})
afterEach(() => temp.dispose())

function userVersion(file: string): number {
  const db = new Database(file)
  try {
    return (db.prepare('PRAGMA user_version').get({}) as { user_version: number }).user_version
  } finally {
    db.close()
  }
}

function tableNames(file: string): string[] {
  const db = new Database(file)
  try {
    return (
      db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger') ORDER BY name").all({}) as {
        name: string
      }[]
    ).map((row) => row.name)
  } finally {
    db.close()
  }
}

/** A database as version 1 of the app left it: the schema of migration 1 and entries written in it. */
function writeVersion1Database(file: string): void {
  const db = openDatabase(file)
  migrate(db, 1)
  db.exec(`
    INSERT INTO contexts (id, profile_id, profile_name, environment, app_id, operator)
      VALUES (1, 'profile-a', 'Staging A', 'staging', 'app-1', 'alice');
    INSERT INTO phones (id, country_code, number, digits) VALUES (1, '+86', '13812345678', '13812345678');
    INSERT INTO phones (id, country_code, number, digits) VALUES (2, '', '15500001111', '15500001111');
    INSERT INTO classes (id, channel, outcome, http_status, status_code, api_code)
      VALUES (1, ${channelCode('CHANNEL_LOGIN')}, ${outcomeCode('success')}, 200, 200, NULL);
    INSERT INTO classes (id, channel, outcome, http_status, status_code, api_code)
      VALUES (2, ${channelCode('CHANNEL_REGISTER')}, ${outcomeCode('business-failure')}, 200, 429, NULL);
    INSERT INTO history (created_at, completed_at, context_id, phone_id, class_id, latency_ms,
        cooldown_override, validation_override, note)
      VALUES (${T0}, ${T0 + 80}, 1, 1, 1, 80, 0, 0, 'from version 1'),
             (${T0 + 1000}, ${T0 + 1090}, 1, 2, 2, 90, 0, 0, NULL),
             (${T0 + 2000}, ${T0 + 2070}, 1, 1, 2, 70, 1, 0, NULL);
  `)
  db.close()
}

describe('history migrations', () => {
  it('are numbered 1, 2, ... in order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })

  it('create the whole schema in an empty file', () => {
    temp.open().close()
    expect(userVersion(temp.file)).toBe(SCHEMA_VERSION)
    expect(tableNames(temp.file)).toEqual(
      expect.arrayContaining([
        'history',
        'contexts',
        'phones',
        'classes',
        'history_counts',
        'history_phone_counts',
        'history_hour_counts',
        'history_day_counts',
        'history_count_insert',
      ]),
    )
  })

  it('bring a version 1 database to the current schema, keeping and counting its entries', () => {
    writeVersion1Database(temp.file)
    expect(userVersion(temp.file)).toBe(1)
    expect(tableNames(temp.file)).not.toContain('history_counts')

    const history = temp.open()
    expect(userVersion(temp.file)).toBe(SCHEMA_VERSION)
    const page = history.query({ filter: {}, limit: 10 })
    expect(page.entries.map((entry) => [entry.outcome, entry.statusCode, entry.phoneNumber])).toEqual([
      ['business-failure', 429, '138****5678'],
      ['business-failure', 429, '155****1111'],
      ['success', 200, '138****5678'],
    ])
    expect(page.entries[2]).toMatchObject({ note: 'from version 1', latencyMs: 80, request: null, response: null })
    // The counts were built from the existing entries, and the triggers keep them from now on.
    expect(page.counts).toEqual({ success: 1, 'business-failure': 2 })
    expect(history.counts({ phone: '5678' })).toEqual({ counts: { success: 1, 'business-failure': 1 }, total: 2 })
    expect(history.counts({ from: T0 - 3_600_000, to: T0 + 1500 }).total).toBe(2)
    expect(history.counts({ from: T0 - 3 * 86_400_000 }).total).toBe(3)
    record(history, temp.clock, T0 + 5000, newEntry())
    expect(history.counts({ channel: 'CHANNEL_LOGIN' })).toEqual({ counts: { success: 2 }, total: 2 })
  })

  it('run once: opening again changes nothing', () => {
    const history = temp.open()
    record(history, temp.clock, T0, newEntry())
    history.close()
    const db = openDatabase(temp.file)
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION })
    db.close()
    expect(temp.open().counts({}).total).toBe(1)
  })

  it('refuse a database written by a newer version of the app', () => {
    temp.open().close()
    const db = new Database(temp.file)
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => temp.open()).toThrow(ConsoleError)
    expect(() => temp.open()).toThrow(/newer version/)
  })
})
