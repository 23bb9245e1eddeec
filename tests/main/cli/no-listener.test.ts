import net from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cliInProcess, freshDataDir, removeDataDir } from './cli-harness'

/**
 * Every port the process opens goes through net.Server#listen (http servers included); the spy lets
 * the real call through and records the port each one asked for.
 */
function watchListeners(): { listens: () => number; restore: () => void } {
  const spy = vi.spyOn(net.Server.prototype, 'listen')
  return { listens: () => spy.mock.calls.length, restore: () => spy.mockRestore() }
}

let dataDir: string

beforeAll(() => {
  dataDir = freshDataDir()
})
afterAll(() => {
  removeDataDir(dataDir)
})

describe('commands that never send open no port', () => {
  it.each([
    [['history']],
    [['history', 'export', '--format', 'json', '--output', 'EXPORT']],
    [['cooldown', '--phone', '13800138000']],
    [['profiles', 'list']],
    [['channels']],
    [['explain', '2004']],
  ])('%j', async (args) => {
    const watch = watchListeners()
    try {
      const run = await cliInProcess(
        args.map((arg) => (arg === 'EXPORT' ? join(dataDir, `export-${Date.now()}.json`) : arg)),
        dataDir,
      )
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(watch.listens()).toBe(0)
    } finally {
      watch.restore()
    }
  })

  it('while a send on the sandbox profile starts the emulator, once', async () => {
    const watch = watchListeners()
    try {
      const run = await cliInProcess(['send', '--channel', 'login', '--phone', '10000000200', '--json'], dataDir)
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ result: { kind: 'success' } })
      expect(watch.listens()).toBe(1)
    } finally {
      watch.restore()
    }
  })
})
