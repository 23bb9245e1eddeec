import { contextBridge, ipcRenderer } from 'electron'
import { CALL_NAMES, EVENT_CHANNEL, EVENT_NAMES, callChannel } from './shared/contract/call-names'
import type { ConsoleEvent } from './shared/contract/events'

// The renderer gets one function per declared call and an event subscription; never ipcRenderer,
// process or require. Inputs are validated again in main, which trusts nothing from here.
const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(callChannel(name), input ?? {})]),
)

contextBridge.exposeInMainWorld('api', {
  ...calls,
  onEvent(listener: (event: ConsoleEvent) => void): () => void {
    // Main checked the payload against its schema before sending; only a declared event passes here.
    const forward = (_message: unknown, event: unknown): void => {
      const name = typeof event === 'object' && event !== null ? (event as { name?: unknown }).name : undefined
      if ((EVENT_NAMES as readonly unknown[]).includes(name)) listener(event as ConsoleEvent)
    }
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  },
})
