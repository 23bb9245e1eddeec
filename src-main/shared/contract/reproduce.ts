import { z } from 'zod'
import { lazySchema } from './lazy-schema'

/** A recorded request as text to run elsewhere: a curl command, and the same call through each official SDK. */
export const Reproduction = lazySchema(() =>
  z.object({
    curl: z.string(),
    node: z.string(),
    java: z.string(),
    python: z.string(),
    go: z.string(),
  }),
)
export type Reproduction = z.infer<typeof Reproduction>

export const REPRODUCTION_LANGUAGES = ['node', 'java', 'python', 'go'] as const
export type ReproductionLanguage = (typeof REPRODUCTION_LANGUAGES)[number]
