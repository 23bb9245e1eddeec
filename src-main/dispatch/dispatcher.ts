import type { z } from 'zod'
import { calls, isCallName, type CallName, type CallOutput, type ParsedCallInput } from '../shared/contract/calls'
import { ConsoleError, type CallError, type Envelope } from '../shared/contract/errors'

export type Handlers = {
  [N in CallName]: (input: ParsedCallInput<N>) => Promise<CallOutput<N>> | CallOutput<N>
}

export type Dispatch = (name: unknown, input: unknown) => Promise<Envelope<unknown>>

function issuesOf(error: z.ZodError): CallError['issues'] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

/**
 * The one gate between a transport and the services: it knows the call, parses the input with the
 * call's schema, and turns every failure into an error value. Both transports (IPC and the loopback
 * host) use it, so a browser-mode test exercises exactly what Electron runs.
 */
export function createDispatcher(
  handlers: Handlers,
  onInternalError: (name: string, error: unknown) => void = () => {},
): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : `a ${typeof name}`
      return fail({ code: 'unknown-call', message: `There is no call named ${shown}.` })
    }
    const call = calls[name]
    try {
      const parsed = safeParse(call.input, rawInput ?? {})
      if (!parsed) return fail({ code: 'invalid-input', message: `The request to ${name} could not be read.` })
      if (!parsed.success) {
        return fail({
          code: 'invalid-input',
          message: `The request to ${name} was malformed.`,
          issues: issuesOf(parsed.error),
        })
      }
      const handler = handlers[name] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      // Outputs are checked too: a service bug must not leak an unexpected field to the renderer.
      return { ok: true, value: call.output.parse(value) }
    } catch (error) {
      if (error instanceof ConsoleError) {
        return fail({ code: error.code, message: error.message, issues: error.issues })
      }
      onInternalError(name, error)
      return fail({ code: 'internal', message: `${name} failed unexpectedly; the log has the details.` })
    }
  }
}

/** null when merely reading the input throws (a getter, a proxy): such input is malformed too. */
function safeParse<T extends z.ZodType>(schema: T, input: unknown): ReturnType<T['safeParse']> | null {
  try {
    return schema.safeParse(input) as ReturnType<T['safeParse']>
  } catch {
    return null
  }
}

function fail(error: CallError): Envelope<never> {
  return { ok: false, error }
}
