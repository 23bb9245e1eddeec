import type { z } from 'zod'
import { ConsoleError } from '../shared/contract'

/** An `invalid-input` error carrying a schema's issues in the form the renderer shows beside fields. */
export function invalidInput(message: string, error: z.ZodError): ConsoleError {
  return new ConsoleError(
    'invalid-input',
    message,
    error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  )
}

/** The issues of a schema error in one line, for messages about a whole file. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const described = error.issues
    .slice(0, limit)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : ''
  return `${described.join('; ')}${more}`
}
