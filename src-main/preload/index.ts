import { contextBridge, ipcRenderer } from 'electron'
import { CALL_NAMES, EVENT_CHANNEL, EVENT_NAMES, callChannel, type EventName } from '@shared/contract/call-names'
import type { WindowApi } from './window-api'

// The renderer gets one function per declared call and an event subscription; never ipcRenderer,
// process or require. Inputs are validated again in main, which trusts nothing from here.
// Object.fromEntries cannot carry the per-name type; CALL_NAMES is the contract's full list of names.
const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(callChannel(name), input ?? {})]),
) as Omit<WindowApi, 'onEvent'>

contextBridge.exposeInMainWorld('api', {
  ...calls,
  onEvent(listener: (name: EventName) => void): () => void {
    const forward = (_event: unknown, name: unknown): void => {
      if ((EVENT_NAMES as readonly unknown[]).includes(name)) listener(name as EventName)
    }
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  },
} satisfies WindowApi)
