import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { DataWarning } from '../shared/contract/app-info'
import { lazySchema } from '../shared/contract/lazy-schema'
import type { ErrorText } from '../shared/contract/errors'
import { withFileLock } from './file-lock'
import { readJsonFile, writeJsonFileAtomic } from './json-file'
import { WARNINGS_FILE } from './warnings-file'

const WarningsFile = lazySchema(() => z.object({ warnings: z.array(DataWarning) }))

/** Warnings kept beyond this many drop the oldest; each names a file the user can still find. */
const MAX_WARNINGS = 50

/**
 * Problems met with the data folder's files (a damaged file kept aside), kept in `warnings.json` so
 * that every process sharing the folder shows them, and the next start still does, until the user
 * dismisses them. Whoever finds a problem records it here; nobody consumes it by reading.
 */
export class DataWarnings {
  private readonly path: string

  constructor(
    dataDir: string,
    private readonly onRecorded: (message: string) => void = () => undefined,
    /** Told the new list after every change this process writes. */
    private readonly onChange: (warnings: DataWarning[]) => void = () => undefined,
  ) {
    this.path = join(dataDir, WARNINGS_FILE)
  }

  list(): DataWarning[] {
    const read = readJsonFile(this.path)
    if (read.kind !== 'parsed') return []
    const parsed = WarningsFile.safeParse(read.data)
    return parsed.success ? parsed.data.warnings : []
  }

  /** Records a problem and the file kept aside because of it; the text's English is the message. */
  record(text: ErrorText, keptAs: string | null): void {
    const warning = { id: randomUUID(), message: text.message, keptAs, text }
    this.change((warnings) => [...warnings, warning].slice(-MAX_WARNINGS))
    this.onRecorded(text.message)
  }

  /** Removes one warning; an id already dismissed (from another window) is not an error. */
  dismiss(id: string): DataWarning[] {
    const current = this.list()
    if (!current.some((warning) => warning.id === id)) return current
    return this.change((warnings) => warnings.filter((warning) => warning.id !== id))
  }

  private change(update: (warnings: DataWarning[]) => DataWarning[]): DataWarning[] {
    const { next, written } = withFileLock(this.path, () => {
      const current = this.list()
      const next = update(current)
      const written = JSON.stringify(next) !== JSON.stringify(current)
      if (written) writeJsonFileAtomic(this.path, { warnings: next })
      return { next, written }
    })
    // Announced outside the lock: a listener may read the file again.
    if (written) this.onChange(next)
    return next
  }
}
