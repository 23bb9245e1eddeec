import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { openHistory } from '../../../src-main/history'

const run = promisify(execFile)
const fixture = join(__dirname, 'fixtures', 'open-and-close.ts')
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('one history file shared by several processes (the app and the CLI)', () => {
  it('lets processes that start together on a fresh file all open and close it', async () => {
    for (let round = 0; round < 10; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'history-shared-'))
      folders.push(dir)
      const file = join(dir, 'history.db')
      const outputs = await Promise.all(
        [1, 2, 3, 4].map(() =>
          run(process.execPath, ['--import', 'tsx', fixture, file]).then(({ stdout }) => stdout.trim()),
        ),
      )
      expect(outputs).toEqual(['ok', 'ok', 'ok', 'ok'])
      const history = openHistory(file, { clock: Date.now })
      expect(history.query({ filter: {}, limit: 10 }).total).toBe(0)
      history.close()
    }
  }, 60_000)
})
