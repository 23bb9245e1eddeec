import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CONSOLE_ID_FILE, consoleIdOf } from '../../../src-main/team/console-id'

const folders: string[] = []
const freshFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'console-id-'))
  folders.push(folder)
  return folder
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('the console id', () => {
  it('is created once per data folder and read back the same', () => {
    const folder = freshFolder()
    const id = consoleIdOf(folder)
    expect(id).toMatch(/\/[0-9a-f-]{36}$/)
    expect(consoleIdOf(folder)).toBe(id)
    expect(readFileSync(join(folder, CONSOLE_ID_FILE), 'utf8').trim()).toBe(id)
  })

  it('differs between two data folders on one computer', () => {
    expect(consoleIdOf(freshFolder())).not.toBe(consoleIdOf(freshFolder()))
  })
})
