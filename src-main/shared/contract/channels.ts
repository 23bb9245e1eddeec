import { z } from 'zod'

/** The `channel` enum of SendSMSDto, identical in every official SDK (see genauth-sms-api.md). */
export const SMS_CHANNELS = [
  'CHANNEL_LOGIN',
  'CHANNEL_REGISTER',
  'CHANNEL_RESET_PASSWORD',
  'CHANNEL_BIND_PHONE',
  'CHANNEL_UNBIND_PHONE',
  'CHANNEL_BIND_MFA',
  'CHANNEL_VERIFY_MFA',
  'CHANNEL_UNBIND_MFA',
  'CHANNEL_COMPLETE_PHONE',
  'CHANNEL_IDENTITY_VERIFICATION',
  'CHANNEL_DELETE_ACCOUNT',
] as const

export const SmsChannel = z.enum(SMS_CHANNELS)
export type SmsChannel = z.infer<typeof SmsChannel>

/** Languages GenAuth answers in (`x-authing-lang`) and the UI speaks. */
export const LANGUAGES = ['en-US', 'zh-CN'] as const
export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>
