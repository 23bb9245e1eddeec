import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { randomUUID } from 'node:crypto'
import { dirname } from 'node:path'

export type JsonFileRead =
  { kind: 'missing' } | { kind: 'parsed'; data: unknown } | { kind: 'unreadable'; reason: string }

/** Reads a JSON file, telling a missing file apart from one that cannot be parsed. */
export function readJsonFile(path: string): JsonFileRead {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  try {
    return { kind: 'parsed', data: JSON.parse(text) as unknown }
  } catch (error) {
    return { kind: 'unreadable', reason: `not valid JSON: ${(error as Error).message}` }
  }
}

/**
 * Writes through a temporary file in the same folder, flushed and then renamed over the target, so a
 * crash leaves either the old file or the new one, never half of one.
 */
export function writeJsonFileAtomic(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, `${JSON.stringify(data, null, 2)}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/** Moves a file that could not be used to `<name>.corrupt-<time>` beside it and returns the new path. */
export function setAsideCorruptFile(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  let aside = `${path}.corrupt-${stamp}`
  for (let n = 2; existsSync(aside); n++) aside = `${path}.corrupt-${stamp}-${n}`
  renameSync(path, aside)
  return aside
}
