import type { CallName } from './contract'

/** The calls the window's first screen needs before it is built; none takes input, none changes anything. */
export const FIRST_CALLS = [
  'app.info',
  'catalog.get',
  'profiles.list',
  'settings.get',
] as const satisfies readonly CallName[]

export type FirstCall = (typeof FIRST_CALLS)[number]
