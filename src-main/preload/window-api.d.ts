import type { CallInput, CallName, Envelope, EventName } from '@shared/contract'

/** What the preload exposes in Electron: one function per call, plus event subscription. */
export type WindowApi = {
  [N in CallName]: (input?: CallInput<N>) => Promise<Envelope<unknown>>
} & {
  onEvent(listener: (name: EventName) => void): () => void
}

declare global {
  interface Window {
    api?: WindowApi
  }
}
