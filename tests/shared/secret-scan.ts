import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { zipEntries } from './zip-entries'

export type SecretHit = { where: string; secret: string; form: string }

/**
 * The byte patterns a secret takes in a file: UTF-8, UTF-16LE (as some stores keep text), hex, and
 * base64 at each of the three alignments it can have inside a longer base64 text.
 */
export function secretForms(secret: string): Array<{ form: string; bytes: Buffer }> {
  const utf8 = Buffer.from(secret, 'utf8')
  const forms = [
    { form: 'utf-8', bytes: utf8 },
    { form: 'utf-16le', bytes: Buffer.from(secret, 'utf16le') },
    { form: 'hex', bytes: Buffer.from(utf8.toString('hex')) },
  ]
  for (let shift = 0; shift < 3; shift++) {
    const text = Buffer.concat([Buffer.alloc(shift), utf8]).toString('base64')
    const stable = text.slice(Math.ceil((4 * shift) / 3), Math.floor((4 * (shift + utf8.length)) / 3))
    forms.push({ form: `base64+${shift}`, bytes: Buffer.from(stable) })
  }
  return forms
}

/** Every secret found in `data`, by name and form. */
export function scanBytes(where: string, data: Buffer, secrets: Record<string, string>): SecretHit[] {
  const hits: SecretHit[] = []
  for (const [name, secret] of Object.entries(secrets)) {
    for (const { form, bytes } of secretForms(secret)) {
      if (data.includes(bytes)) hits.push({ where, secret: name, form })
    }
  }
  return hits
}

/** Every file below `dir` (none when it does not exist). */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Every file below `dir`, zip archives opened, scanned for the secrets. */
export function scanFolder(
  dir: string,
  secrets: Record<string, string>,
  label = dir,
): { files: string[]; hits: SecretHit[] } {
  const hits: SecretHit[] = []
  const files: string[] = []
  for (const file of listFiles(dir)) {
    let data: Buffer
    try {
      data = readFileSync(file)
    } catch {
      // Removed while the folder was read (a WAL checkpointed away, a report being replaced).
      continue
    }
    files.push(relative(dir, file))
    const where = `${label}/${relative(dir, file)}`
    hits.push(...scanBytes(where, data, secrets))
    if (file.endsWith('.zip')) {
      for (const entry of zipEntries(data)) hits.push(...scanBytes(`${where}!${entry.name}`, entry.data, secrets))
    }
  }
  return { files, hits }
}
