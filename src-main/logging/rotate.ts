import { existsSync, renameSync, rmSync } from 'node:fs'
import { join, parse } from 'node:path'

/** `main.log`, 2 -> `main.2.log`: the name of the second newest archived copy. */
function archivedLogPath(filePath: string, generation: number): string {
  const { dir, name, ext } = parse(filePath)
  return join(dir, `${name}.${generation}${ext}`)
}

/**
 * Moves `main.log` to `main.1.log`, `main.1.log` to `main.2.log` and so on, keeping `keepFiles` archived
 * copies and deleting the oldest.
 */
export function rotateLogFiles(filePath: string, keepFiles: number): void {
  rmSync(archivedLogPath(filePath, keepFiles), { force: true })
  for (let generation = keepFiles - 1; generation >= 1; generation--) {
    const from = archivedLogPath(filePath, generation)
    if (existsSync(from)) renameSync(from, archivedLogPath(filePath, generation + 1))
  }
  renameSync(filePath, archivedLogPath(filePath, 1))
}
