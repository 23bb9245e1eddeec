import { z } from 'zod'
import { CatalogEntry, ErrorCode, SmsChannel } from '../shared/contract'

/**
 * The `--json` values that are not a contract call's output. The others print the contract's own
 * values: SendOutcome, HistoryPage, ProfileList, CooldownReport and history.export's output.
 */
export const ExportWritten = z.object({ path: z.string(), count: z.number().int() })
export type ExportWritten = z.infer<typeof ExportWritten>

export const ChannelList = z.array(SmsChannel)

export const ExplainOutput = z.object({
  code: z.number().int(),
  statusCode: CatalogEntry.nullable(),
  apiCode: CatalogEntry.nullable(),
  errorCodePage: z.string(),
})
export type ExplainOutput = z.infer<typeof ExplainOutput>

/** The emulator's line, identical to `npm run emulator`'s. */
export const EmulatorListening = z.object({ url: z.string(), token: z.string() })
export type EmulatorListening = z.infer<typeof EmulatorListening>

/** What `--json` prints on stdout when a command is refused (exit 1, 4 or 64), besides the line on stderr. */
export const CliErrorOutput = z.object({ error: z.object({ code: ErrorCode, message: z.string() }) })
export type CliErrorOutput = z.infer<typeof CliErrorOutput>
