import { ConsoleError } from '../shared/contract/errors'
import { pragmaValue, writeTransaction, type Db } from './database'

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration ran. */
  version: number
  description: string
  sql: string
}

/**
 * Version 1: the log itself. Values repeated on almost every entry live once in small tables: who sent
 * from which profile and app (`contexts`), to which phone (`phones`), and the entry's class: its channel
 * and how it ended, outcome, HTTP status, statusCode and apiCode (`classes`, a few hundred combinations
 * at most). The shown-only parts of an exchange are one compressed `detail` cell.
 * Each filter has an index that starts with its column and `created_at`, so a page is read in
 * (created_at DESC, id DESC) order without sorting all matches (rows of the same millisecond are put in
 * id order as they come); the one index on `class_id` serves the channel, outcome, statusCode and apiCode
 * filters alike. The three set indexes also carry the other two set columns, so a combination of
 * filters is checked in the index without reading the entries.
 */
const V1 = `
CREATE TABLE contexts (
  id INTEGER PRIMARY KEY,
  profile_id TEXT NOT NULL,
  profile_name TEXT NOT NULL,
  environment TEXT NOT NULL,
  app_id TEXT NOT NULL,
  operator TEXT NOT NULL,
  UNIQUE (profile_id, profile_name, environment, app_id, operator)
);
CREATE INDEX contexts_app ON contexts (app_id);

CREATE TABLE phones (
  id INTEGER PRIMARY KEY,
  -- '' when the send named no country code, so the pair stays unique.
  country_code TEXT NOT NULL,
  number TEXT NOT NULL,
  digits TEXT NOT NULL,
  UNIQUE (number, country_code)
);
CREATE INDEX phones_digits ON phones (digits, country_code);

CREATE TABLE classes (
  id INTEGER PRIMARY KEY,
  channel INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  http_status INTEGER,
  status_code INTEGER,
  api_code INTEGER
);
CREATE INDEX classes_outcome ON classes (channel, outcome);

CREATE TABLE history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  context_id INTEGER NOT NULL REFERENCES contexts (id),
  phone_id INTEGER NOT NULL REFERENCES phones (id),
  class_id INTEGER NOT NULL REFERENCES classes (id),
  latency_ms INTEGER,
  cooldown_override INTEGER NOT NULL,
  validation_override INTEGER NOT NULL,
  note TEXT,
  -- 32-bit hash of the requestId (the id itself is in detail): an exact lookup for ~15 bytes an entry.
  request_key INTEGER,
  -- Who is sending, while the entry is in flight; cleared on completion.
  owner_pid INTEGER,
  owner_started_at INTEGER,
  detail BLOB
);
CREATE INDEX history_created ON history (created_at);
CREATE INDEX history_class ON history (class_id, created_at, context_id, phone_id);
CREATE INDEX history_context ON history (context_id, created_at, class_id, phone_id);
CREATE INDEX history_phone ON history (phone_id, created_at, class_id, context_id);
CREATE INDEX history_request ON history (request_key) WHERE request_key IS NOT NULL;
`

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/** The SQL that adds (`+`) or removes (`-`) one entry, `row` being NEW or OLD, from every counts table. */
function countStatements(row: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const outcome = `(SELECT outcome FROM classes WHERE id = ${row}.class_id)`
  const tables: [string, string[], string[]][] = [
    ['history_counts', ['context_id', 'class_id'], [`${row}.context_id`, `${row}.class_id`]],
    ['history_phone_counts', ['phone_id', 'outcome'], [`${row}.phone_id`, outcome]],
    ['history_hour_counts', ['hour', 'outcome'], [`CAST(${row}.created_at / ${HOUR_MS} AS INTEGER)`, outcome]],
    ['history_day_counts', ['day', 'outcome'], [`CAST(${row}.created_at / ${DAY_MS} AS INTEGER)`, outcome]],
  ]
  return tables
    .map(([table, columns, values]) => {
      if (sign === '+') {
        return `
  INSERT INTO ${table} (${columns.join(', ')}, n) VALUES (${values.join(', ')}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;`
      }
      const match = columns.map((column, index) => `${column} = ${values[index]}`).join(' AND ')
      return `
  UPDATE ${table} SET n = n - 1 WHERE ${match};
  DELETE FROM ${table} WHERE n = 0 AND ${match};`
    })
    .join('')
}

function countsTable(name: string, key: string): string {
  return `CREATE TABLE ${name} (
  ${key} INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (${key}, outcome)
) WITHOUT ROWID;`
}

/**
 * Version 2: counts kept current by triggers. Counting a filter by outcome over a million entries takes
 * tens of milliseconds per page; these small tables answer the same question in about a millisecond for
 * a filter on profile and class (channel, outcome, statusCode, apiCode), on phone digits, or on a time
 * range (whole days and hours from here, the minutes at the edges from the log), and tell the page
 * planner which filter is the most selective. Existing entries are counted while migrating.
 */
const V2 = `
CREATE TABLE history_counts (
  context_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (context_id, class_id)
) WITHOUT ROWID;
${countsTable('history_phone_counts', 'phone_id')}
${countsTable('history_hour_counts', 'hour')}
${countsTable('history_day_counts', 'day')}

INSERT INTO history_counts (context_id, class_id, n)
  SELECT context_id, class_id, count(*) FROM history GROUP BY context_id, class_id;
INSERT INTO history_phone_counts (phone_id, outcome, n)
  SELECT h.phone_id, k.outcome, count(*) FROM history h JOIN classes k ON k.id = h.class_id GROUP BY 1, 2;
INSERT INTO history_hour_counts (hour, outcome, n)
  SELECT CAST(h.created_at / ${HOUR_MS} AS INTEGER), k.outcome, count(*)
  FROM history h JOIN classes k ON k.id = h.class_id GROUP BY 1, 2;
INSERT INTO history_day_counts (day, outcome, n)
  SELECT CAST(h.created_at / ${DAY_MS} AS INTEGER), k.outcome, count(*)
  FROM history h JOIN classes k ON k.id = h.class_id GROUP BY 1, 2;

CREATE TRIGGER history_count_insert AFTER INSERT ON history BEGIN${countStatements('NEW', '+')}
END;
CREATE TRIGGER history_count_delete AFTER DELETE ON history BEGIN${countStatements('OLD', '-')}
END;
CREATE TRIGGER history_count_update AFTER UPDATE OF context_id, phone_id, class_id, created_at ON history
BEGIN${countStatements('OLD', '-')}${countStatements('NEW', '+')}
END;
`

/** The tables the count triggers keep, in the current schema. */
export const COUNTS_TABLES = ['history_counts', 'history_phone_counts', 'history_hour_counts', 'history_day_counts']

/** Every schema change, oldest first. Append only: a migration that shipped is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'history log with contexts, phones, classes and indexes', sql: V1 },
  { version: 2, description: 'outcome counts kept by triggers', sql: V2 },
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

export function schemaVersion(db: Db): number {
  return Number(pragmaValue(db, 'user_version'))
}

/**
 * Brings the database up to `target` (the latest by default), one transaction per migration. Another
 * process may be migrating the same file at the same moment: the version is read again inside each
 * write transaction, so each migration runs exactly once.
 */
export function migrate(db: Db, target: number = SCHEMA_VERSION): { from: number; to: number } {
  const from = schemaVersion(db)
  if (from > SCHEMA_VERSION) {
    throw new ConsoleError(
      'internal',
      `The history database is from a newer version of the app (schema ${from}, this one knows ${SCHEMA_VERSION}). Update the app.`,
    )
  }
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break
    writeTransaction(db, () => {
      if (schemaVersion(db) >= migration.version) return
      db.exec(migration.sql)
      db.exec(`PRAGMA user_version = ${migration.version}`)
    })
  }
  return { from, to: schemaVersion(db) }
}
