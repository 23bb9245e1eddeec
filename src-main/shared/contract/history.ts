import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { SmsChannel } from './channels'
import { Environment } from './profiles'
import { RecordedResponse, RedactedRequest, RESULT_KINDS } from './send'

/** A send's state in the log: in flight, finished with a result kind, or cut off by a crash. */
export const OUTCOMES = ['sending', ...RESULT_KINDS, 'unknown'] as const
export const Outcome = z.enum(OUTCOMES)
export type Outcome = z.infer<typeof Outcome>

export const HistoryEntry = lazySchema(() =>
  z.object({
    id: z.number().int(),
    createdAt: z.number(),
    completedAt: z.number().nullable(),
    profileId: z.string(),
    profileName: z.string(),
    environment: Environment,
    appId: z.string(),
    channel: SmsChannel,
    phoneCountryCode: z.string().nullable(),
    /** Masked (`188****8888`) unless the caller asked to reveal it. */
    phoneNumber: z.string(),
    operator: z.string(),
    note: z.string().nullable(),
    cooldownOverride: z.boolean(),
    validationOverride: z.boolean(),
    outcome: Outcome,
    httpStatus: z.number().int().nullable(),
    statusCode: z.number().int().nullable(),
    apiCode: z.number().int().nullable(),
    message: z.string().nullable(),
    requestId: z.string().nullable(),
    latencyMs: z.number().nullable(),
    request: RedactedRequest.nullable(),
    response: RecordedResponse.nullable(),
  }),
)
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const HistoryFilter = lazySchema(() =>
  z.strictObject({
    profileId: z.string().max(200).optional(),
    /** The operating-system user who sent, exactly as recorded. */
    operator: z.string().max(200).optional(),
    channel: SmsChannel.optional(),
    outcome: Outcome.optional(),
    statusCode: z.number().int().optional(),
    apiCode: z.number().int().optional(),
    /** Whole or part of the phone number (digits). */
    phone: z.string().max(32).optional(),
    requestId: z.string().max(200).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
  }),
)
export type HistoryFilter = z.infer<typeof HistoryFilter>

/** Keyset cursor: the (createdAt, id) of the last entry of the previous page. */
export const HistoryCursor = lazySchema(() => z.strictObject({ createdAt: z.number(), id: z.number().int() }))
export type HistoryCursor = z.infer<typeof HistoryCursor>

export const HistoryQuery = lazySchema(() =>
  z.strictObject({
    filter: HistoryFilter.default({}),
    cursor: HistoryCursor.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  }),
)
export type HistoryQuery = z.input<typeof HistoryQuery>

export const OutcomeCounts = lazySchema(() => z.record(Outcome, z.number().int()))
export type OutcomeCounts = z.infer<typeof OutcomeCounts>

export const HistoryPage = lazySchema(() =>
  z.object({
    entries: z.array(HistoryEntry),
    nextCursor: HistoryCursor.nullable(),
    counts: z.partialRecord(Outcome, z.number().int()),
    total: z.number().int(),
  }),
)
export type HistoryPage = z.infer<typeof HistoryPage>

export const ExportFormat = z.enum(['csv', 'json'])
export type ExportFormat = z.infer<typeof ExportFormat>
