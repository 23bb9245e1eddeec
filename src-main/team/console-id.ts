import { randomUUID } from 'node:crypto'
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const CONSOLE_ID_FILE = 'console-id'

/**
 * This data folder's name in the team database: the owner of the entries it has in flight. A random id
 * written once, so the app, browser mode and the CLI on one folder are one console, and two folders on
 * one computer are two; the host name in front only helps a database owner tell consoles apart.
 */
export function consoleIdOf(dataDir: string): string {
  const path = join(dataDir, CONSOLE_ID_FILE)
  const stored = readStored(path)
  if (stored) return stored
  // Written whole beside it, then linked into place: of two processes creating it at once, one wins
  // and the other reads the winner's id, never a half-written file.
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`
  writeFileSync(temp, `${hostname()}/${randomUUID()}\n`, { mode: 0o600 })
  try {
    linkSync(temp, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(temp, { force: true })
  }
  return readStored(path)!
}

function readStored(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim() || null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
