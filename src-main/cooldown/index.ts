export {
  activeCooldown,
  activeCooldownOf,
  checkCooldown,
  cooldownReport,
  withoutCooling,
  type ActiveCooldown,
  type CooldownHistory,
} from './cooldown'
export type { CooldownKey } from './cooldown-key'
export { InFlightLock } from './in-flight'
export { UnrecordedSends } from './unrecorded-sends'
