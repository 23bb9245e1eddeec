import type { EventName } from './shared/contract'

export type EventListener = (name: EventName) => void

/** Tells every open window (IPC) or page (server-sent events) that something it shows has changed. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(name: EventName): void {
    for (const listener of this.listeners) listener(name)
  }
}
