import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import Database from 'libsql'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { INTERRUPTED_AFTER_MS } from '../../../src-main/history'
import { currentOwner, ownerAlive } from '../../../src-main/history/owner'
import { newEntry, sendResult, TempHistory } from './history-fixtures'

const FIXTURE = join(__dirname, 'fixtures', 'send-then-hang.ts')

let temp: TempHistory
beforeEach(() => {
  temp = new TempHistory()
})
afterEach(() => temp.dispose())

/** Starts the fixture as a plain node process (no wrapper), so SIGKILL reaches the process that writes. */
async function startSender(file: string): Promise<{ child: ChildProcess; completedId: number; inFlightId: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, file], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n')[0]
      if (output.includes('\n') && line) resolve({ child, ...JSON.parse(line) })
    })
    child.on('exit', (code) => reject(new Error(`sender exited (${code}) before reporting: ${errors}`)))
  })
}

/** Kills with SIGKILL and waits until the process is reaped (a zombie would still look alive). */
async function killHard(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit')
  child.kill('SIGKILL')
  await exited
}

function integrity(file: string): string {
  const db = new Database(file)
  try {
    return (db.prepare('PRAGMA integrity_check').get({}) as { integrity_check: string }).integrity_check
  } finally {
    db.close()
  }
}

describe('write-ahead entries and crashes', () => {
  it('writes the entry as sending before the request, then completes it', () => {
    const history = temp.open()
    const entry = newEntry({ note: 'first try' })
    const id = history.begin(entry)
    const pending = history.get(id, true)
    expect(pending).toMatchObject({
      outcome: 'sending',
      completedAt: null,
      createdAt: temp.clock.now,
      note: 'first try',
    })

    temp.clock.advance(250)
    history.complete(id, sendResult(entry, { kind: 'success', requestId: 'req-1' }))
    expect(history.get(id, true)).toMatchObject({
      outcome: 'success',
      completedAt: temp.clock.now,
      statusCode: 200,
      requestId: 'req-1',
      latencyMs: 42,
    })
  })

  it('marks the entry of a process killed mid-send unknown, keeps what it committed, and the file is sound', async () => {
    temp.open().close()
    const sender = await startSender(temp.file)
    await killHard(sender.child)

    const history = temp.open()
    expect(history.get(sender.inFlightId, true).outcome).toBe('unknown')
    expect(history.get(sender.completedId, true)).toMatchObject({ outcome: 'success', requestId: 'req-committed' })
    history.close()
    expect(integrity(temp.file)).toBe('ok')
  })

  it("leaves another live process's send alone and recovers it once that process is gone", async () => {
    const history = temp.open()
    const sender = await startSender(temp.file)
    try {
      expect(history.recoverInterrupted()).toBe(0)
      expect(history.get(sender.inFlightId, true).outcome).toBe('sending')
    } finally {
      await killHard(sender.child)
    }
    expect(history.recoverInterrupted()).toBe(1)
    expect(history.get(sender.inFlightId, true).outcome).toBe('unknown')
  })

  it('recovers an entry older than 10 minutes even when its owner is alive', () => {
    const history = temp.open()
    const id = history.begin(newEntry())
    temp.clock.advance(INTERRUPTED_AFTER_MS)
    expect(history.recoverInterrupted()).toBe(0)
    temp.clock.advance(1)
    expect(history.recoverInterrupted()).toBe(1)
    expect(history.get(id, true).outcome).toBe('unknown')
  })

  it('records a late answer for an entry already marked unknown', () => {
    const history = temp.open()
    const entry = newEntry()
    const id = history.begin(entry)
    temp.clock.advance(INTERRUPTED_AFTER_MS + 1)
    history.recoverInterrupted()
    history.complete(id, sendResult(entry, { kind: 'timeout', statusCode: null, requestId: null }))
    expect(history.get(id, true).outcome).toBe('timeout')
  })

  it('tells a process with a reused pid from the one that wrote the entry', () => {
    const self = currentOwner()
    expect(ownerAlive({ pid: self.pid, startedAt: self.startedAt }, self)).toBe(true)
    expect(ownerAlive({ pid: self.pid, startedAt: self.startedAt - 1000 }, self)).toBe(false)
    expect(ownerAlive({ pid: null, startedAt: null }, self)).toBe(false)
    expect(ownerAlive({ pid: process.ppid, startedAt: 0 }, self)).toBe(true)
  })
})
