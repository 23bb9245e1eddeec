import { existsSync } from 'node:fs'
import { defaultDataDir } from '../app-paths'
import { DataWarnings } from '../files/data-warnings'
import { writeErrorLine, type CliIo } from './cli-io'

/**
 * Repeats on stderr, after every command, the warnings recorded in the data folder (a damaged file kept
 * aside), found by this command or an earlier run, until the user dismisses them in the app.
 */
export function printDataWarnings(io: CliIo): void {
  const dataDir = io.dataDir ?? defaultDataDir(io.env)
  if (!existsSync(dataDir)) return
  for (const warning of new DataWarnings(dataDir).list()) writeErrorLine(io, `warning: ${warning.message}`)
}
