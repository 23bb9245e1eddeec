import type { CallInput, CallName, ConsoleEvent, Envelope } from '@shared/contract'

/** What the preload exposes in Electron: one function per call, plus event subscription. */
export type WindowApi = {
  [N in CallName]: (input?: CallInput<N>) => Promise<Envelope<unknown>>
} & {
  onEvent(listener: (event: ConsoleEvent) => void): () => void
}

declare global {
  interface Window {
    api?: WindowApi
  }
}
