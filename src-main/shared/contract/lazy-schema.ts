import { z } from 'zod'

/**
 * A schema built the first time it checks a value, not when the contract loads. Every process loads the
 * whole contract, but a command-line run answers one call: building every call's schemas up front cost it
 * about 18 ms of a 270 ms start (measured on `cooldown`'s imports). The result is a zod schema like any other (`.parse`, `.optional()`,
 * `.nullable()`); `.unwrap()` gives the built schema where its shape is needed.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): z.ZodLazy<T> {
  let schema: T | undefined
  return z.lazy(() => (schema ??= build()))
}
