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

/** Append only: a migration that shipped is never edited. */
export const TEAM_MIGRATIONS: readonly TeamMigration[] = [
  { version: 1, description: 'history of the team', sql: V1 },
  { version: 2, description: 'indexes for the operator, channel and phone filters', sql: V2 },
]

export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS[TEAM_MIGRATIONS.length - 1]!.version
