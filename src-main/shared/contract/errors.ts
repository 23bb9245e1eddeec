import { z } from 'zod'

/**
 * Why a call failed, in a form the renderer can show. `invalid-input` carries the schema's issues;
 * the others carry a message written for the user.
 */
export const ERROR_CODES = [
  'unknown-call',
  'invalid-input',
  'forbidden-sender',
  'not-found',
  'conflict',
  'cooldown',
  'in-flight',
  'keychain-unavailable',
  'needs-confirmation',
  'invalid-phone',
  'invalid-host',
  'internal',
] as const
export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

export const CallError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type CallError = z.infer<typeof CallError>

/** What every call answers with, over IPC and HTTP alike: errors are values, never thrown across. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: CallError }

/** Thrown by services for failures the user should see as they are. */
export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: CallError['issues'],
  ) {
    super(message)
    this.name = 'ConsoleError'
  }
}
