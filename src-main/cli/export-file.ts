import { randomBytes } from 'node:crypto'
import { closeSync, lstatSync, openSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { CliError } from './cli-error'
import { EXIT } from './exit-codes'

/** A file that may hold whole phone numbers is nobody else's business. */
const OWNER_ONLY = 0o600

/**
 * Writes an export to the file the user named. Without `replace` the file must not exist: it is created
 * with O_CREAT|O_EXCL, which also refuses a symbolic link, dangling or not. With `replace` an existing
 * regular file is swapped for a new one by a rename, so a failed write leaves the old file whole and the
 * new one is readable by its owner only. A symbolic link is refused either way: writing through it would
 * put the export somewhere the user did not name.
 */
export function writeExportFile(path: string, content: string, replace: boolean): void {
  if (!replace) {
    writeNewFile(path, content, (error) => (error.code === 'EEXIST' ? refusalFor(path, false) : null))
    return
  }
  const refusal = refusalFor(path, true)
  if (refusal) throw refusal
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  writeNewFile(temporary, content, () => null)
  try {
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw writeFailure(path, error)
  }
}

function writeNewFile(
  path: string,
  content: string,
  refusalOnOpen: (error: NodeJS.ErrnoException) => CliError | null,
): void {
  let descriptor: number
  try {
    descriptor = openSync(path, 'wx', OWNER_ONLY)
  } catch (error) {
    throw refusalOnOpen(error as NodeJS.ErrnoException) ?? writeFailure(path, error)
  }
  try {
    writeFileSync(descriptor, content)
  } catch (error) {
    // The file is the one just created: a half-written export is removed rather than left behind.
    closeSync(descriptor)
    rmSync(path, { force: true })
    throw writeFailure(path, error)
  }
  closeSync(descriptor)
}

/** Why the path is not written; null when nothing is there, or a regular file is there to replace. */
function refusalFor(path: string, replace: boolean): CliError | null {
  const existing = lstatOrNull(path)
  if (existing?.isSymbolicLink()) {
    return new CliError(
      EXIT.usage,
      `--output: ${path} is a symbolic link; the export never writes through one: name the file itself.`,
      'conflict',
    )
  }
  if (existing && !existing.isFile()) {
    return new CliError(EXIT.usage, `--output: ${path} exists and is not a regular file.`, 'conflict')
  }
  if (replace) return null
  return new CliError(EXIT.usage, `--output: ${path} already exists; add --force to replace it.`, 'conflict')
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path)
  } catch {
    return null
  }
}

function writeFailure(path: string, error: unknown): CliError {
  return new CliError(
    EXIT.failure,
    `--output: cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
  )
}
