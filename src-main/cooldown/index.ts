export { checkCooldown, cooldownReport, secondsLeft, withoutCooling, type CooldownHistory } from './cooldown'
export type { CooldownKey } from './cooldown-key'
export { InFlightLock } from './in-flight'
