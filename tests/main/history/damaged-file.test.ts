import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'libsql'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistory, type HistoryStore } from '../../../src-main/history'
import { createServices } from '../../../src-main/services'

const NOW = Date.UTC(2026, 10, 30, 10, 0, 0)
let dataDir: string
let file: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'history-damaged-'))
  file = join(dataDir, 'history.db')
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const entry = (phoneNumber: string) => ({
  profileId: 'local-sandbox',
  profileName: 'Local sandbox',
  environment: 'sandbox' as const,
  appId: 'local-sandbox-app',
  operator: 'support',
  channel: 'CHANNEL_LOGIN' as const,
  phoneCountryCode: '+86',
  phoneNumber,
  note: null,
  cooldownOverride: false,
  validationOverride: false,
})

/** A real history with entries, closed (checkpointed) so the whole of it is in the file. */
function writeHistory(entries: number): Buffer {
  const history = openHistory(file, { clock: () => NOW })
  for (let i = 0; i < entries; i++) history.begin(entry(`1380013${String(i).padStart(4, '0')}`))
  history.close()
  return readFileSync(file)
}

function openKeepingAside(): { history: HistoryStore; kept: { message: string; keptAs: string }[] } {
  const kept: { message: string; keptAs: string }[] = []
  const history = openHistory(file, {
    clock: () => NOW,
    onKeptAside: (text, keptAs) => kept.push({ message: text.message, keptAs }),
  })
  return { history, kept }
}

describe('a history.db that cannot be used', () => {
  it.each([
    ['cut short in the middle', (good: Buffer) => good.subarray(0, Math.floor(good.length / 2))],
    ['cut short in its header', (good: Buffer) => good.subarray(0, 50)],
    ['overwritten', (good: Buffer) => Buffer.alloc(good.length, 0x41)],
  ])('%s: is kept aside byte for byte, named in a warning, and a fresh history starts', (_, damage) => {
    const damaged = damage(writeHistory(200))
    writeFileSync(file, damaged)

    const { history, kept } = openKeepingAside()
    try {
      expect(kept).toHaveLength(1)
      expect(kept[0]!.keptAs).toMatch(/history\.db\.corrupt-2026-11-30T10-00-00-000Z$/)
      expect(kept[0]!.message).toContain(kept[0]!.keptAs)
      expect(readFileSync(kept[0]!.keptAs).equals(damaged)).toBe(true)
      expect(history.counts({}).total).toBe(0)
      history.begin(entry('13800138000'))
      expect(history.counts({}).total).toBe(1)
    } finally {
      history.close()
    }
  })

  it('without a place to report it, is refused with a message naming the file, and left where it is', () => {
    writeFileSync(file, 'not a database at all, but long enough to have a header of a hundred bytes or more......')
    expect(() => openHistory(file, { clock: () => NOW })).toThrow(/history file .*history\.db cannot be used/)
    expect(readdirSync(dataDir)).toEqual(['history.db'])
  })

  it("never adds the app's tables to another program's SQLite file", () => {
    const foreign = new Database(file)
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)')
    foreign.close()

    const { history, kept } = openKeepingAside()
    history.close()
    expect(kept[0]?.message).toMatch(/another program/)
    const check = new Database(kept[0]!.keptAs, { readonly: true })
    const tables = check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all({}) as { name: string }[]
    const invoices = check.prepare('SELECT id, total FROM invoices').all({})
    check.close()
    expect(tables.map((table) => table.name)).toEqual(['invoices'])
    expect(invoices).toEqual([{ id: 1, total: 9.5 }])
  })

  it('an empty file, or a history of its own, opens as it is', () => {
    writeFileSync(file, '')
    const { history, kept } = openKeepingAside()
    history.begin(entry('13800138000'))
    history.close()
    const again = openKeepingAside()
    expect(again.history.counts({}).total).toBe(1)
    again.history.close()
    expect([...kept, ...again.kept]).toEqual([])
  })

  it('the app starts on a damaged history.db and says so in app.info', async () => {
    writeFileSync(file, Buffer.alloc(8192, 0x41))
    const services = await createServices({ dataDir, mode: 'browser' })
    try {
      const info = services.appInfo()
      expect(info.warnings).toEqual([
        expect.objectContaining({ keptAs: expect.stringContaining('history.db.corrupt-') }),
      ])
      expect(existsSync(info.warnings[0]!.keptAs!)).toBe(true)
      expect(services.history.counts({}).total).toBe(0)
    } finally {
      await services.close()
    }
  })
})
