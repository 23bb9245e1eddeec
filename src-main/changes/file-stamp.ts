import { statSync } from 'node:fs'

/**
 * A cheap stamp of a file that moves whenever it is rewritten, without reading it: every write of the
 * data folder's JSON files renames a new file into place, so its inode changes even when the size and
 * the clock's resolution would hide the change. `null` while the file does not exist.
 */
export function fileStamp(path: string): string | null {
  try {
    const { ino, mtimeMs, size } = statSync(path)
    return `${ino}:${mtimeMs}:${size}`
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
