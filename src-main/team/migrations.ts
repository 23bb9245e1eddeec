import { SENDING } from '../history/codes'

export interface TeamMigration {
  /** The schema version once this migration ran. */
  version: number
  description: string
  sql: string
}

/** Every team table lives in this schema, so the role SQL can grant on it as a whole. */
export const TEAM_SCHEMA = 'genauth_sms'

/**
 * Version 1: one row per send. Channels and outcomes are the local history's codes (history/codes.ts);
 * the shown-only parts of the exchange are the local history's compressed detail. Times are epoch ms.
 * - `cooldown_phone` is the normalised phone the cooldown belongs to (app, country code with +86 when
 *   absent, digits), so every console finds the same rows for a phone however it was typed.
 * - While an entry is `sending`, `console_id` owns it until `lease_until`; after that it reads as
 *   outcome unknown for everyone.
 * - `source_key` names an entry uploaded from a console's local history, so uploading twice adds nothing.
 */
const V1 = `
CREATE TABLE ${TEAM_SCHEMA}.history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at bigint NOT NULL,
  completed_at bigint,
  profile_id text NOT NULL,
  profile_name text NOT NULL,
  environment text NOT NULL,
  app_id text NOT NULL,
  operator text NOT NULL,
  channel smallint NOT NULL,
  country_code text NOT NULL,
  phone_number text NOT NULL,
  phone_digits text NOT NULL,
  cooldown_phone text NOT NULL,
  outcome smallint NOT NULL,
  http_status integer,
  status_code integer,
  api_code integer,
  latency_ms integer,
  cooldown_override boolean NOT NULL,
  validation_override boolean NOT NULL,
  note text,
  request_id text,
  detail bytea,
  console_id text NOT NULL,
  lease_until bigint,
  source_key text UNIQUE
);
CREATE INDEX history_created ON ${TEAM_SCHEMA}.history (created_at DESC, id DESC);
CREATE INDEX history_profile ON ${TEAM_SCHEMA}.history (profile_id, created_at DESC, id DESC);
CREATE INDEX history_outcome ON ${TEAM_SCHEMA}.history (outcome, created_at DESC, id DESC);
CREATE INDEX history_cooldown ON ${TEAM_SCHEMA}.history (cooldown_phone, created_at);
CREATE INDEX history_request ON ${TEAM_SCHEMA}.history (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX history_in_flight ON ${TEAM_SCHEMA}.history (lease_until) WHERE outcome = ${SENDING};
`

/**
 * Version 2: indexes for the history view's filters on a large team history.
 * - operator, and channel (with the date range) as the leading key of a newest-first index that also
 *   carries the outcome, so the filter's counts are read from the index alone;
 * - the phone search (any part of the digits) through a trigram index when the server has pg_trgm
 *   (shipped with PostgreSQL's contrib modules, which Debian's postgresql package includes; trusted
 *   since PostgreSQL 13, so a role that may create objects in the database may add it). Without it the
 *   migration still succeeds: no B-tree serves a search inside the digits, so that filter reads the
 *   history newest first until a page is full.
 */
const V2 = `
CREATE INDEX history_operator ON ${TEAM_SCHEMA}.history (operator, created_at DESC, id DESC) INCLUDE (outcome);
CREATE INDEX history_channel ON ${TEAM_SCHEMA}.history (channel, created_at DESC, id DESC) INCLUDE (outcome);
DO $$
DECLARE trgm_schema name;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ${TEAM_SCHEMA};
  EXCEPTION WHEN OTHERS THEN
    -- Not installed on the server, or this role may not add it: the phone search goes without an index.
    NULL;
  END;
  SELECT extnamespace::regnamespace::name INTO trgm_schema FROM pg_extension WHERE extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX history_phone_digits ON ${TEAM_SCHEMA}.history USING gin (phone_digits %I.gin_trgm_ops)',
      trgm_schema);
  END IF;
END $$;
`

/** The history table, named with its schema as every statement names it. */
export const HISTORY = `${TEAM_SCHEMA}.history`
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
/**
 * Moved by every statement that changes entries (a sequence: never a lock, never waited for), so a
 * console learns that another one wrote by reading one number; `CHANGE_STAMP` reads it for any role.
 */
const CHANGES = `${TEAM_SCHEMA}.history_changes`
export const CHANGE_STAMP = `${TEAM_SCHEMA}.history_change_stamp`
/** No int32 equals it: the key of a missing statusCode or apiCode in `history_counts`, never a real one. */
const NO_CODE = 4_294_967_296

/** The tables the count triggers keep: its key columns and their values in a history row, per table. */
const CLASS_KEY = `channel, outcome, (coalesce(status_code::bigint, ${NO_CODE})), (coalesce(api_code::bigint, ${NO_CODE}))`

/** A key column of a count table: its name, its type, and its value read from a history row. */
type KeyColumn = [name: string, type: string, value: string]
const CLASS_COLUMNS: KeyColumn[] = [
  ['channel', 'smallint NOT NULL', 'channel'],
  ['outcome', 'smallint NOT NULL', 'outcome'],
  ['status_code', 'integer', 'status_code'],
  ['api_code', 'integer', 'api_code'],
]
const PROFILE: KeyColumn = ['profile_id', 'text NOT NULL', 'profile_id']
const CHANNEL_OUTCOME = CLASS_COLUMNS.slice(0, 2)

/** The tables the count triggers keep, their key columns, and the unique key their rows are upserted on. */
const COUNT_TABLES: { table: string; keys: KeyColumn[]; conflict: string }[] = [
  { table: 'history_counts', keys: [PROFILE, ...CLASS_COLUMNS], conflict: `profile_id, ${CLASS_KEY}` },
  {
    table: 'history_operator_counts',
    keys: [['operator', 'text NOT NULL', 'operator'], PROFILE, ...CLASS_COLUMNS],
    conflict: `operator, profile_id, ${CLASS_KEY}`,
  },
  {
    table: 'history_phone_counts',
    keys: [['phone_digits', 'text NOT NULL', 'phone_digits'], CLASS_COLUMNS[1]!],
    conflict: 'phone_digits, outcome',
  },
  {
    table: 'history_day_counts',
    keys: [['day', 'integer NOT NULL', `(created_at / ${DAY_MS})::integer`], ...CHANNEL_OUTCOME],
    conflict: 'day, channel, outcome',
  },
  {
    table: 'history_hour_counts',
    keys: [['hour', 'integer NOT NULL', `(created_at / ${HOUR_MS})::integer`], ...CHANNEL_OUTCOME],
    conflict: 'hour, channel, outcome',
  },
]

/** A count table's key columns as read from a history row. */
function selectKeys(keys: KeyColumn[]): string {
  return keys.map(([column, , value]) => (value === column ? column : `${value} AS ${column}`)).join(', ')
}

/** A count table and the unique key its triggers upsert on. */
function countTable({ table, keys, conflict }: (typeof COUNT_TABLES)[number]): string {
  const columns = keys.map(([column, type]) => `${column} ${type}`).join(', ')
  return `CREATE TABLE ${TEAM_SCHEMA}.${table} (${columns}, n integer NOT NULL);
CREATE UNIQUE INDEX ${table}_key ON ${TEAM_SCHEMA}.${table} (${conflict});`
}

/**
 * The statements a count trigger runs: for each table, the statement's rows netted per key (+1 for a
 * row in `new_rows`, -1 for one in `old_rows`), then one upsert with the keys in order. Every trigger
 * visits the tables in the same order and each table's keys sorted, so two consoles completing sends
 * at once take the rows' locks in the same order and never deadlock. Entries still sending are not
 * counted here (the store counts those few from the log): a send's `begin` never touches these rows,
 * and only its completion does, in a statement of its own.
 */
function countChanges(rows: ('new_rows' | 'old_rows')[]): string {
  return COUNT_TABLES.map(({ table, keys, conflict }) => {
    const columns = keys.map(([column]) => column).join(', ')
    const values = selectKeys(keys)
    const changes = rows
      .map(
        (source) =>
          `SELECT ${values}, ${source === 'new_rows' ? 1 : -1} AS d FROM ${source} WHERE outcome <> ${SENDING}`,
      )
      .join('\n      UNION ALL ')
    return `
  INSERT INTO ${TEAM_SCHEMA}.${table} AS t (${columns}, n)
    SELECT ${columns}, sum(d) FROM (${changes}) AS change
    GROUP BY ${columns} HAVING sum(d) <> 0 ORDER BY ${columns}
    ON CONFLICT (${conflict}) DO UPDATE SET n = t.n + excluded.n;`
  }).join('')
}

/**
 * A statement-level trigger (one run per INSERT, UPDATE or DELETE, however many rows) as the role that
 * ran `team init`: the consoles' role needs no grant on the count tables for its sends to keep them.
 */
function countTrigger(event: 'INSERT' | 'UPDATE' | 'DELETE'): string {
  const rows: ('new_rows' | 'old_rows')[] =
    event === 'INSERT' ? ['new_rows'] : event === 'DELETE' ? ['old_rows'] : ['new_rows', 'old_rows']
  const name = `history_count_${event.toLowerCase()}`
  const referencing = rows.map((source) => `${source === 'new_rows' ? 'NEW' : 'OLD'} TABLE AS ${source}`).join(' ')
  // Most statements have nothing to count: a send's begin (sending), the lease check before every read.
  const counted = rows.map((source) => `EXISTS (SELECT FROM ${source} WHERE outcome <> ${SENDING})`).join(' OR ')
  return `
CREATE FUNCTION ${TEAM_SCHEMA}.${name}() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF NOT EXISTS (SELECT FROM ${rows[0]}) THEN
    RETURN NULL;
  END IF;
  PERFORM nextval('${CHANGES}');
  IF NOT (${counted}) THEN
    RETURN NULL;
  END IF;${countChanges(rows)}
  RETURN NULL;
END $fn$;
REVOKE ALL ON FUNCTION ${TEAM_SCHEMA}.${name}() FROM PUBLIC;
CREATE TRIGGER ${name} AFTER ${event} ON ${HISTORY} REFERENCING ${referencing}
  FOR EACH STATEMENT EXECUTE FUNCTION ${TEAM_SCHEMA}.${name}();`
}

/**
 * Version 3: outcome counts kept by triggers, as the local history keeps them, so a filter's counts cost
 * the same at a million entries as at a hundred: per profile and class (channel, outcome, statusCode,
 * apiCode), the same per operator (a team has many more operators than profiles: the filters without
 * one read the smaller table), per phone (digits), and per UTC day and hour and channel. Only finished
 * entries are counted. Counts that reach 0 stay as rows of 0 (only the database owner deletes entries).
 * - Every trigger also moves the change counter `history_changes`, which the consoles poll.
 * - The history is locked against writes while it is counted, so no send is missed between the count
 *   and the triggers; the consoles wait for `team init` to commit.
 * - The statusCode and apiCode filters get their newest-first indexes too (of the entries that have one).
 * - A newest-first index per phone (digits) serves a phone search once the count table has found the
 *   numbers that contain it; the trigram index moves from the history to the count table's phones,
 *   a fifth of the rows here, and no longer costs every send an update. A whole number is found without
 *   it: the number itself, and the few longer numbers (their length indexed) that contain it.
 */
const V3 = `
LOCK TABLE ${HISTORY} IN SHARE ROW EXCLUSIVE MODE;
CREATE SEQUENCE ${CHANGES};
CREATE FUNCTION ${CHANGE_STAMP}() RETURNS bigint LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$ SELECT last_value FROM ${CHANGES} $fn$;
${COUNT_TABLES.map(countTable).join('\n')}
${COUNT_TABLES.map(({ table, keys }) => {
  const columns = keys.map(([column]) => column).join(', ')
  const values = selectKeys(keys)
  return `INSERT INTO ${TEAM_SCHEMA}.${table} (${columns}, n)
  SELECT ${columns}, count(*) FROM (SELECT ${values} FROM ${HISTORY} WHERE outcome <> ${SENDING}) AS entry
  GROUP BY ${columns};`
}).join('\n')}
${(['INSERT', 'UPDATE', 'DELETE'] as const).map(countTrigger).join('\n')}
CREATE FUNCTION ${TEAM_SCHEMA}.history_count_truncate() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  TRUNCATE ${COUNT_TABLES.map(({ table }) => `${TEAM_SCHEMA}.${table}`).join(', ')};
  PERFORM nextval('${CHANGES}');
  RETURN NULL;
END $fn$;
REVOKE ALL ON FUNCTION ${TEAM_SCHEMA}.history_count_truncate() FROM PUBLIC;
CREATE TRIGGER history_count_truncate AFTER TRUNCATE ON ${HISTORY}
  FOR EACH STATEMENT EXECUTE FUNCTION ${TEAM_SCHEMA}.history_count_truncate();

CREATE INDEX history_phone ON ${HISTORY} (phone_digits, created_at DESC, id DESC);
CREATE INDEX history_status_code ON ${HISTORY} (status_code, created_at DESC, id DESC) WHERE status_code IS NOT NULL;
CREATE INDEX history_api_code ON ${HISTORY} (api_code, created_at DESC, id DESC) WHERE api_code IS NOT NULL;
DROP INDEX IF EXISTS ${TEAM_SCHEMA}.history_phone_digits;
CREATE INDEX history_phone_counts_length ON ${TEAM_SCHEMA}.history_phone_counts (length(phone_digits));
DO $$
DECLARE trgm_schema name;
BEGIN
  SELECT extnamespace::regnamespace::name INTO trgm_schema FROM pg_extension WHERE extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX history_phone_counts_digits ON ${TEAM_SCHEMA}.history_phone_counts USING gin (phone_digits %I.gin_trgm_ops)',
      trgm_schema);
  END IF;
END $$;
`

/** Append only: a migration that shipped is never edited. */
export const TEAM_MIGRATIONS: readonly TeamMigration[] = [
  { version: 1, description: 'history of the team', sql: V1 },
  { version: 2, description: 'indexes for the operator, channel and phone filters', sql: V2 },
  { version: 3, description: 'outcome counts and a change counter kept by triggers, an index per filter', sql: V3 },
]

export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS[TEAM_MIGRATIONS.length - 1]!.version
