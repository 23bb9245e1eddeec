import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { SmsChannel } from './channels'
import { ErrorText } from './errors'

/** A reserved emulator phone number and the outcome it forces. */
export const EmulatorScenario = lazySchema(() =>
  z.object({
    phoneNumber: z.string(),
    name: z.string(),
    description: z.string(),
  }),
)
export type EmulatorScenario = z.infer<typeof EmulatorScenario>

/** A problem with a file in the data folder, shown until the user dismisses it. */
export const DataWarning = lazySchema(() =>
  z.object({
    id: z.string(),
    message: z.string(),
    /** The damaged file as it was kept aside, for the user to inspect or restore. */
    keptAs: z.string().nullable(),
    /** The message as a key and values, for the user's language; absent in warnings older versions recorded. */
    text: ErrorText.optional(),
  }),
)
export type DataWarning = z.infer<typeof DataWarning>

export const AppInfo = lazySchema(() =>
  z.object({
    name: z.string(),
    version: z.string(),
    /** `electron` inside the desktop app, `browser` when served by the loopback host, `cli` for the command line. */
    mode: z.enum(['electron', 'browser', 'cli']),
    dataDir: z.string(),
    logsDir: z.string(),
    platform: z.string(),
    versions: z.record(z.string(), z.string()),
    /** Operator name recorded with each send (the OS user). */
    operator: z.string(),
    channels: z.array(SmsChannel),
    emulatorUrl: z.string().nullable(),
    emulatorScenarios: z.array(EmulatorScenario),
    /** Problems met with the data folder's files (a damaged settings, profiles or history file kept aside). */
    warnings: z.array(DataWarning),
  }),
)
export type AppInfo = z.infer<typeof AppInfo>
