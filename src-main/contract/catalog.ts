import { z } from 'zod'

export const LocalizedText = z.object({ 'en-US': z.string(), 'zh-CN': z.string() })

/** One known statusCode category or apiCode, with what it means and what to do next. */
export const CatalogEntry = z.object({
  kind: z.enum(['statusCode', 'apiCode']),
  code: z.number().int(),
  name: z.string(),
  /** `documented` by GenAuth, or only `emulator` (synthetic, until the real code is known). */
  source: z.enum(['documented', 'emulator']),
  meaning: LocalizedText,
  nextStep: LocalizedText,
})
export type CatalogEntry = z.infer<typeof CatalogEntry>

export const Catalog = z.object({
  errorCodePage: z.string(),
  entries: z.array(CatalogEntry),
})
export type Catalog = z.infer<typeof Catalog>
