import { z } from 'zod'
import { SmsChannel } from './channels'

/** The server allows one SMS per phone per channel per minute. */
export const COOLDOWN_MS = 60_000

export const ChannelCooldown = z.object({
  channel: SmsChannel,
  /** `sending`: a send for this phone and channel is in flight right now. */
  state: z.enum(['free', 'cooling', 'sending']),
  /** Epoch ms at which the channel becomes free again; null when free. */
  until: z.number().nullable(),
  /** What started the cooldown: a successful send or a throttle answer. */
  reason: z.enum(['sent', 'throttled']).nullable(),
})
export type ChannelCooldown = z.infer<typeof ChannelCooldown>

export const CooldownReport = z.object({
  now: z.number(),
  channels: z.array(ChannelCooldown),
})
export type CooldownReport = z.infer<typeof CooldownReport>
