import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CALL_NAMES, EVENT_CHANNEL, callChannel } from '../shared/contract/call-names'
import type { Dispatch } from '../dispatch/dispatcher'
import type { EventBus } from '../events'
import { originOf } from './origin'

/**
 * Registers exactly the contract's calls. A message is served only when it comes from the main frame
 * of one of the app's own windows, on the app's own origin; the dispatcher then validates its input.
 */
export function registerIpc(dispatch: Dispatch, events: EventBus, trustedOrigin: () => string): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event, input: unknown) => {
      const refusal = senderRefusal(event, trustedOrigin())
      if (refusal) return { ok: false, error: { code: 'forbidden-sender', message: refusal } }
      return dispatch(name, input)
    })
  }
  const unsubscribe = events.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event)
  })
  return () => {
    unsubscribe()
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name))
  }
}

function senderRefusal(event: IpcMainInvokeEvent, origin: string): string | null {
  const frame = event.senderFrame
  if (!frame || frame !== event.sender.mainFrame) return 'Calls are accepted only from the main frame.'
  if (!BrowserWindow.fromWebContents(event.sender)) return 'Calls are accepted only from the app’s own windows.'
  return originOf(frame.url) === origin ? null : 'Calls are accepted only from the app’s own origin.'
}
