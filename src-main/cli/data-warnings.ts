import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { defaultDataDir } from '../app-paths'
import { WARNINGS_FILE } from '../files/warnings-file'
import { writeErrorLine, type CliIo } from './cli-io'

/**
 * Repeats on stderr, after every command, the warnings recorded in the data folder (a damaged file kept
 * aside), found by this command or an earlier run, until the user dismisses them in the app.
 */
export async function printDataWarnings(io: CliIo): Promise<void> {
  const dataDir = io.dataDir ?? defaultDataDir(io.env)
  // Most folders have no warnings: the reader (a file lock, a schema) is loaded only for one that has.
  if (!existsSync(join(dataDir, WARNINGS_FILE))) return
  const { DataWarnings } = await import('../files/data-warnings')
  for (const warning of new DataWarnings(dataDir).list()) writeErrorLine(io, `warning: ${warning.message}`)
}
