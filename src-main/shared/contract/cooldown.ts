import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { SmsChannel } from './channels'
import { Outcome } from './history'

/** The server allows one SMS per phone per channel per minute. */
export const COOLDOWN_MS = 60_000

/**
 * What started a cooldown: a successful send, a throttle answer, or a send that may have reached GenAuth
 * without a readable answer (a timeout, a connection lost after the request, a crash), which cools the
 * channel like a success.
 */
export const CooldownReason = z.enum(['sent', 'throttled', 'maybe-sent'])
export type CooldownReason = z.infer<typeof CooldownReason>

export const ChannelCooldown = lazySchema(() =>
  z.object({
    channel: SmsChannel,
    /** `sending`: a send for this phone and channel is in flight right now. */
    state: z.enum(['free', 'cooling', 'sending']),
    /** Epoch ms at which the channel becomes free again; null when free. */
    until: z.number().nullable(),
    reason: CooldownReason.nullable(),
    /** How the send that started the cooldown ended (`timeout` for a maybe-sent); null when not cooling. */
    outcome: Outcome.nullable(),
  }),
)
export type ChannelCooldown = z.infer<typeof ChannelCooldown>

export const CooldownReport = lazySchema(() =>
  z.object({
    now: z.number(),
    channels: z.array(ChannelCooldown),
  }),
)
export type CooldownReport = z.infer<typeof CooldownReport>
