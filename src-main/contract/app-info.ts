import { z } from 'zod'
import { SmsChannel } from './channels'

/** A reserved emulator phone number and the outcome it forces. */
export const EmulatorScenario = z.object({
  phoneNumber: z.string(),
  name: z.string(),
  description: z.string(),
})
export type EmulatorScenario = z.infer<typeof EmulatorScenario>

export const AppInfo = z.object({
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
  /** Problems met with the data folder's files (a corrupt settings or profiles file kept aside). */
  warnings: z.array(z.string()),
})
export type AppInfo = z.infer<typeof AppInfo>
