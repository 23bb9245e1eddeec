import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { ErrorText } from './errors'

/**
 * How the console talks TLS to the team database, named as libpq's `sslmode`:
 * - `disable`: plain TCP (only sensible on this computer);
 * - `require`: encrypted, but the server's certificate is not checked;
 * - `verify-ca`: encrypted, the certificate must chain to a trusted CA;
 * - `verify-full`: as verify-ca, and the certificate must name the host.
 */
export const TLS_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const
export const TlsMode = z.enum(TLS_MODES)
export type TlsMode = z.infer<typeof TlsMode>

/** Where the team database is. The password is never part of it: it lives in the OS keychain. */
export const TeamDatabaseConfig = lazySchema(() =>
  z.strictObject({
    host: z.string().trim().min(1, 'enter the database host').max(255),
    port: z.number().int().min(1).max(65_535).default(5432),
    database: z.string().trim().min(1, 'enter the database name').max(63),
    user: z.string().trim().min(1, 'enter the database user').max(63),
    /** Absent: verify-full for a host on the network, disable for this computer. */
    tls: TlsMode.optional(),
    /** A PEM file with the CA that signed the server's certificate, when it is not a public CA. */
    caFile: z.string().max(4096).optional(),
  }),
)
export type TeamDatabaseConfig = z.output<typeof TeamDatabaseConfig>

/**
 * What is wrong with the team database, as the settings page and `team status` tell it:
 * - `unreachable`: no connection (down, wrong host or port, network);
 * - `rejected`: the server refused the user or password;
 * - `tls`: the TLS handshake or the certificate check failed;
 * - `schema-missing`, `schema-too-old`: `team init` has not been run (or not since an update);
 * - `schema-too-new`: a newer console migrated it; this one only reads until it is updated.
 */
export const TEAM_PROBLEMS = [
  'unreachable',
  'rejected',
  'tls',
  'schema-missing',
  'schema-too-old',
  'schema-too-new',
] as const
export type TeamProblem = (typeof TEAM_PROBLEMS)[number]

/** Where the team database in use comes from: nowhere (team mode off), the settings, or the environment. */
export const TeamSource = z.enum(['off', 'settings', 'env'])
export type TeamSource = z.infer<typeof TeamSource>

/** What `team status`, the settings page and the header show of the team database. */
export const TeamStatus = lazySchema(() =>
  z.object({
    source: TeamSource,
    /** The connection without its password; null when team mode is off. */
    connection: z.string().nullable(),
    state: z.enum(['off', 'connected', ...TEAM_PROBLEMS]),
    schemaVersion: z.number().int().nullable(),
    neededVersion: z.number().int(),
    /** Entries in the team history, when it could be read. */
    entries: z.number().int().nullable(),
    /** Results sent while the database was unreachable, kept locally until they reach it. */
    waitingUploads: z.number().int(),
    /** Why the state is not `connected`, in English (the CLI prints it); never with the password. */
    message: z.string().nullable(),
    /** The same reason as a key and values, for the user's language. */
    reason: ErrorText.nullable(),
    /** Whether a password for the configured database is in the keychain. */
    hasPassword: z.boolean(),
  }),
)
export type TeamStatus = z.infer<typeof TeamStatus>
