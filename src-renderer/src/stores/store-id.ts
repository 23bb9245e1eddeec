/** Every Pinia store's id, in one place so two stores can never collide. */
export const StoreId = {
  App: 'app',
  Profiles: 'profiles',
  Settings: 'settings',
  Send: 'send',
  Cooldown: 'cooldown',
  History: 'history',
  Team: 'team',
} as const
