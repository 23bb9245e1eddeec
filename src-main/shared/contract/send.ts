import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { parseCountryCode } from '../phone/country-code'
import { SmsChannel } from './channels'
import { withoutControl } from './text'

/**
 * A calling code, read as `+86`, `86` or `+086` and passed on in the form GenAuth documents (`+86`), so
 * the wire, the history and the cooldown see one spelling.
 */
export const CountryCode = lazySchema(() =>
  z
    .string()
    .max(16)
    .transform((text, context) => {
      const code = parseCountryCode(text)
      if (code === null) {
        context.addIssue({ code: 'custom', message: 'a country code is + followed by a known calling code, like +86' })
        return z.NEVER
      }
      return code
    }),
)

/** Headers and body exactly as they went on the wire, secrets replaced by a marker. */
export const RedactedRequest = lazySchema(() =>
  z.object({
    method: z.literal('POST'),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
)
export type RedactedRequest = z.infer<typeof RedactedRequest>

export const RecordedResponse = lazySchema(() =>
  z.object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
)
export type RecordedResponse = z.infer<typeof RecordedResponse>

/**
 * How a send ended. `success` and `business-failure` come from a parsed HTTP 200 body;
 * the others say why no business answer could be read.
 */
export const RESULT_KINDS = [
  'success',
  'business-failure',
  'http-failure',
  'timeout',
  'network-failure',
  'unparseable-body',
] as const
export const ResultKind = z.enum(RESULT_KINDS)
export type ResultKind = z.infer<typeof ResultKind>

export const SendResult = lazySchema(() =>
  z.object({
    kind: ResultKind,
    httpStatus: z.number().int().nullable(),
    statusCode: z.number().int().nullable(),
    apiCode: z.number().int().nullable(),
    message: z.string().nullable(),
    requestId: z.string().nullable(),
    /** Transport detail for timeout / network failures (`ECONNREFUSED`, `ENOTFOUND`, `TIMEOUT`, ...). */
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    latencyMs: z.number().nonnegative(),
    request: RedactedRequest,
    response: RecordedResponse.nullable(),
  }),
)
export type SendResult = z.infer<typeof SendResult>

export const SendInput = lazySchema(() =>
  z.strictObject({
    profileId: z.string().min(1).max(200),
    channel: SmsChannel,
    phoneNumber: z.string().trim().min(1, 'enter a phone number').max(32),
    phoneCountryCode: CountryCode.optional(),
    /** A user access token for this send only; never stored unless saved to the profile. */
    accessToken: z.string().max(8192).optional(),
    note: withoutControl(z.string().max(500)).optional(),
    /** The user chose to send although the channel is cooling down (recorded in the entry). */
    overrideCooldown: z.boolean().default(false),
    /** The user chose to send a number the app considers invalid (recorded in the entry). */
    overrideValidation: z.boolean().default(false),
    /** A production profile's send must carry the user's explicit confirmation. */
    confirmed: z.boolean().default(false),
  }),
)
export type SendInput = z.input<typeof SendInput>
export type ParsedSendInput = z.output<typeof SendInput>

export const SendOutcome = lazySchema(() =>
  z.object({
    entryId: z.number().int(),
    result: SendResult,
    /**
     * Why the result could not be recorded in the history, in one line (`SQLITE_FULL: database or disk is
     * full`); null when it was. The result is still the real answer, and the channel still cools down.
     */
    recordFailure: z.string().nullable(),
  }),
)
export type SendOutcome = z.infer<typeof SendOutcome>
