import { app } from 'electron'

/**
 * Holds the quit until `close` has finished (the history's SQLite file is closed and checkpointed, the
 * emulator stopped), then exits. `will-quit` runs after every window has closed; Electron does not wait
 * for a promise its listeners return, so the quit is cancelled and `app.exit` ends it once closed.
 */
export function closeBeforeQuit(close: () => Promise<void>, onError: (error: unknown) => void): void {
  let closing: Promise<void> | null = null
  app.on('will-quit', (event) => {
    event.preventDefault()
    closing ??= close().then(
      () => app.exit(0),
      (error: unknown) => {
        onError(error)
        app.exit(1)
      },
    )
  })
}
