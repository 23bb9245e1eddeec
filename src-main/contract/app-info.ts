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
  /** `electron` inside the desktop app, `browser` when served by the loopback host. */
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  logsDir: z.string(),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
  /** Operator name recorded with each send (the OS user). */
  operator: z.string(),
  channels: z.array(SmsChannel),
  emulatorUrl: z.string().nullable(),
  emulatorScenarios: z.array(EmulatorScenario),
})
export type AppInfo = z.infer<typeof AppInfo>
