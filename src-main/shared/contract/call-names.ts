/**
 * The names of every call and event, free of any library so the sandboxed preload can carry them.
 * calls.ts checks at compile time that its schemas cover exactly these names.
 */
export const CALL_NAMES = [
  'app.info',
  'app.dismissWarning',
  'catalog.get',
  'profiles.list',
  'profiles.create',
  'profiles.update',
  'profiles.duplicate',
  'profiles.delete',
  'profiles.setActive',
  'profiles.setSecret',
  'profiles.export',
  'profiles.import',
  'keychain.status',
  'sms.send',
  'sms.preview',
  'cooldown.forPhone',
  'history.query',
  'history.get',
  'history.export',
  'history.clear',
  'request.reproduce',
  'settings.get',
  'settings.update',
  'team.status',
  'team.test',
  'team.setPassword',
] as const
export type CallName = (typeof CALL_NAMES)[number]

/** Events main pushes to every window. */
export const EVENT_NAMES = [
  'history.changed',
  'profiles.changed',
  'settings.changed',
  'team.changed',
  'warnings.changed',
] as const
export type EventName = (typeof EVENT_NAMES)[number]

/** IPC channel names: one per call, one for events. */
export const callChannel = (name: CallName): string => `rpc:${name}`
export const EVENT_CHANNEL = 'console:event'
