import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { exitCode, startEntry, useElectronEntry } from './entry-harness'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule())

const harness = useElectronEntry()
let stdout: string
let stderr: string
let streamListeners: { stdout: unknown[]; stderr: unknown[] }

/** Captures what the command writes; a write's callback runs as the real stream's would. */
function capture(stream: NodeJS.WriteStream, append: (text: string) => void): void {
  vi.spyOn(stream, 'write').mockImplementation(((chunk: string, ...rest: unknown[]) => {
    append(String(chunk))
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
    if (callback) process.nextTick(callback)
    return true
  }) as typeof stream.write)
}

beforeEach(() => {
  stdout = ''
  stderr = ''
  capture(process.stdout, (text) => (stdout += text))
  capture(process.stderr, (text) => (stderr += text))
  streamListeners = { stdout: process.stdout.listeners('error'), stderr: process.stderr.listeners('error') }
})

afterEach(() => {
  // The entry's listeners stay on the process's streams; take them off again.
  for (const name of ['stdout', 'stderr'] as const) {
    for (const listener of process[name].listeners('error')) {
      if (!streamListeners[name].includes(listener)) process[name].removeListener('error', listener as () => void)
    }
  }
})

describe('<app> --cli', () => {
  it('runs the command after --cli on the data folder, without a window or the single-instance lock', async () => {
    const dataDir = join(harness.workDir, 'data')
    await startEntry({ dataDir, args: ['--no-sandbox', '--cli', 'history', '--json'] })
    expect(await exitCode(harness.electron)).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ total: 0, entries: [] })
    expect(existsSync(join(dataDir, 'history.db'))).toBe(true)
    expect(harness.electron.app.requestSingleInstanceLock).not.toHaveBeenCalled()
    expect(harness.electron.BrowserWindow.windows).toEqual([])
  })

  it('returns the CLI’s exit code and its one-line error for bad usage', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data'), args: ['--cli', 'history', '--limit', 'many'] })
    expect(await exitCode(harness.electron)).toBe(64)
    expect(stderr).toMatch(/^genauth-sms: .*limit/m)
  })

  it('ignores a reader that closed the pipe (EPIPE), as the plain CLI does', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data'), args: ['--cli', 'channels'] })
    const closedPipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' })
    // With no listener, Node throws an unhandled stream error, which Electron shows as a modal box.
    expect(() => process.stdout.emit('error', closedPipe)).not.toThrow()
    expect(await exitCode(harness.electron)).toBe(0)
  })

  it('says once that other stream errors lost the output, and exits 1', async () => {
    await startEntry({ dataDir: join(harness.workDir, 'data'), args: ['--cli', 'channels'] })
    const otherError = Object.assign(new Error('write EIO'), { code: 'EIO' })
    expect(() => process.stdout.emit('error', otherError)).not.toThrow()
    expect(await exitCode(harness.electron)).toBe(1)
    expect(stderr).toMatch(/cannot write the output: write EIO/)
  })
})
