import { ConsoleEvent } from './shared/contract/events'

export type EventListener = (event: ConsoleEvent) => void

/** Tells every open window (IPC) or page (server-sent events) that something it shows has changed. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  /**
   * `onListenerError` hears a window that could not be told: the owners announce from inside their
   * changes (a send's history entry among them), which must not fail because one window is gone.
   */
  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The payload is checked here, before it crosses to any window. */
  emit(event: ConsoleEvent): void {
    const checked = ConsoleEvent.parse(event)
    for (const listener of this.listeners) {
      try {
        listener(checked)
      } catch (error) {
        this.onListenerError(error)
      }
    }
  }
}
