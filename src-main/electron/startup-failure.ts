import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { app, dialog } from 'electron'
import { logsDirOf, PRODUCT_NAME } from '../app-paths'
import { redactSecrets } from '../logging/redact'

/** Exit code of a start that failed (the desktop app has no other non-zero exit). */
export const STARTUP_FAILURE_EXIT_CODE = 1

/**
 * The one way a start ends when anything in it fails: the cause goes to the log and into one native
 * dialog that names the log, then the process exits non-zero, releasing the single-instance lock so the
 * next launch starts afresh instead of quitting silently.
 */
export function failStartup(error: unknown, dataDir: string): void {
  const cause = redactSecrets(causeChain(error))
  const logPath = join(logsDirOf(dataDir), 'main.log')
  let logNote = `Details are in the log: ${logPath}`
  try {
    mkdirSync(logsDirOf(dataDir), { recursive: true })
    // inspect() prints the stack and every cause.
    const detail = redactSecrets(inspect(error))
    appendFileSync(logPath, `[${new Date().toISOString()}] [error] start-up failed: ${detail}\n`)
  } catch (logError) {
    logNote = `The log could not be written either (${logPath}): ${(logError as Error).message}`
  }
  dialog.showErrorBox(`${PRODUCT_NAME} could not start`, `${cause}\n\n${logNote}`)
  app.exit(STARTUP_FAILURE_EXIT_CODE)
}

/** The message and the messages of its causes: a module loader often wraps the native error it hit. */
function causeChain(error: unknown): string {
  const messages: string[] = []
  for (let current = error; current !== undefined && messages.length < 5;) {
    messages.push(current instanceof Error ? current.message : String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return messages.join('\nCaused by: ')
}
