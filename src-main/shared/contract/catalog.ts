import { z } from 'zod'
import { lazySchema } from './lazy-schema'

export const LocalizedText = lazySchema(() => z.object({ 'en-US': z.string(), 'zh-CN': z.string() }))

/** One known statusCode category or apiCode, with what it means and what to do next. */
export const CatalogEntry = lazySchema(() =>
  z.object({
    kind: z.enum(['statusCode', 'apiCode']),
    code: z.number().int(),
    name: z.string(),
    /** `documented` by GenAuth, or only `emulator` (synthetic, until the real code is known). */
    source: z.enum(['documented', 'emulator']),
    meaning: LocalizedText,
    nextStep: LocalizedText,
  }),
)
export type CatalogEntry = z.infer<typeof CatalogEntry>

/**
 * What a send without a business answer usually means, and what to check: an HTTP error status (a
 * specific one, or any other when httpStatus is null) or a timeout. GenAuth documents none of these;
 * they come from whatever stands between the console and the API.
 */
export const FailureAdvice = lazySchema(() =>
  z.object({
    kind: z.enum(['http-failure', 'timeout']),
    httpStatus: z.number().int().nullable(),
    name: z.string(),
    meaning: LocalizedText,
    nextStep: LocalizedText,
  }),
)
export type FailureAdvice = z.infer<typeof FailureAdvice>

export const Catalog = lazySchema(() =>
  z.object({
    errorCodePage: z.string(),
    entries: z.array(CatalogEntry),
    failures: z.array(FailureAdvice),
  }),
)
export type Catalog = z.infer<typeof Catalog>
