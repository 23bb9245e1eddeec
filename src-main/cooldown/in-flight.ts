import { keyText, type CooldownKey } from './cooldown-key'

/**
 * One send at a time per app, phone and channel in this process: a double click sends once. The
 * release function frees only its own hold, however often it is called.
 */
export class InFlightLock {
  private readonly holds = new Map<string, symbol>()

  tryAcquire(key: CooldownKey): (() => void) | null {
    const text = keyText(key)
    if (this.holds.has(text)) return null
    const hold = Symbol(text)
    this.holds.set(text, hold)
    return () => {
      if (this.holds.get(text) === hold) this.holds.delete(text)
    }
  }

  isHeld(key: CooldownKey): boolean {
    return this.holds.has(keyText(key))
  }
}
