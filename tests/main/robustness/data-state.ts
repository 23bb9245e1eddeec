import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { listFiles } from '../../shared/secret-scan'

/** The parts of a data folder a refused call must leave exactly as they were. */
export type DataFolderState = {
  profilesJson: string | null
  settingsJson: string | null
  /** Every file but the logs and SQLite's own -wal/-shm companions, which reads may touch. */
  files: string[]
}

export function dataFolderState(dataDir: string): DataFolderState {
  return {
    profilesJson: readIfPresent(join(dataDir, 'profiles.json')),
    settingsJson: readIfPresent(join(dataDir, 'settings.json')),
    files: listFiles(dataDir)
      .map((file) => relative(dataDir, file))
      .filter((file) => !file.startsWith('logs') && !/-(wal|shm)$/.test(file))
      .sort(),
  }
}

/** Every regular file below `dir`, as full paths. */
function readIfPresent(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}
