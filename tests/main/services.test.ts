import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppInfo, ConsoleEvent } from '../../src-main/shared/contract'
import { openApp } from './open-app'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('createServices', () => {
  it('applies the history retention soon after start, and says the history changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'services-'))
    folders.push(dataDir)
    const day = 24 * 60 * 60 * 1000
    let now = Date.UTC(2026, 0, 1)
    const first = await openApp({ dataDir, mode: 'browser', clock: () => now })
    await first.dispatch('sms.send', {
      profileId: 'local-sandbox',
      channel: 'CHANNEL_LOGIN',
      phoneNumber: '10000000200',
    })
    await first.close()

    now += 91 * day
    const second = await openApp({ dataDir, mode: 'browser', clock: () => now, retentionDelayMs: 0 })
    const events: ConsoleEvent[] = []
    second.events.subscribe((event) => events.push(event))
    // The 90-day default removes the entry once the first pass has run, not during start-up.
    expect(second.history.query({ filter: {}, limit: 10 }).total).toBe(1)
    await sleep(50)
    expect(second.history.query({ filter: {}, limit: 10 }).total).toBe(0)
    expect(events).toContainEqual({ name: 'history.changed', change: 'pruned', entryId: null })
    await second.close()
  })

  it('brings the changes of another host on the same data folder to this one within a second', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'services-'))
    folders.push(dataDir)
    const app = await openApp({ dataDir, mode: 'browser' })
    const otherHost = await openApp({ dataDir, mode: 'browser' })
    const heard: ConsoleEvent[] = []
    app.events.subscribe((event) => heard.push(event))
    try {
      const started = Date.now()
      await otherHost.dispatch('sms.send', {
        profileId: 'local-sandbox',
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '10000000200',
      })
      await otherHost.dispatch('settings.update', { theme: 'dark' })
      const names = () => new Set(heard.map((event) => event.name))
      while (names().size < 2 && Date.now() - started < 1000) await sleep(20)
      expect(heard).toContainEqual({ name: 'history.changed', change: 'elsewhere', entryId: null })
      expect(heard).toContainEqual({ name: 'settings.changed', settings: expect.objectContaining({ theme: 'dark' }) })
    } finally {
      await Promise.all([app.close(), otherHost.close()])
    }
  })

  it('tells the user, through app.info, that a corrupt settings file was kept aside', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'services-'))
    folders.push(dataDir)
    writeFileSync(join(dataDir, 'settings.json'), '{"theme": "dark", oops')
    const services = await openApp({ dataDir, mode: 'browser' })
    const info = await services.dispatch('app.info', {})
    const kept = readdirSync(dataDir).find((name) => name.startsWith('settings.json.corrupt-'))
    expect(kept).toBeDefined()
    expect(info.ok && (info.value as AppInfo).warnings).toEqual([
      {
        id: expect.any(String),
        message: expect.stringContaining('settings'),
        keptAs: join(dataDir, kept!),
        text: expect.objectContaining({
          key: 'settingsKeptAside',
          params: expect.objectContaining({ keptAs: join(dataDir, kept!) }),
        }),
      },
    ])
    await services.close()
  })

  it('reports a damaged profiles file before anything reads the profiles, to every later process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'services-'))
    folders.push(dataDir)
    writeFileSync(join(dataDir, 'profiles.json'), '{"activeId": "prod", "profiles": [')
    // The first process to start finds the damage; it must not take the warning away from the next one.
    await (await openApp({ dataDir, mode: 'cli' })).close()
    const services = await openApp({ dataDir, mode: 'browser' })
    const info = await services.dispatch('app.info', {})
    const kept = readdirSync(dataDir).find((name) => name.startsWith('profiles.json.corrupt-'))
    expect(info.ok && (info.value as AppInfo).warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining(kept!), keptAs: join(dataDir, kept!) }),
    ])
    await services.close()
  })

  it('refuses control characters in a note instead of storing it cut short, and sends nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'services-'))
    folders.push(dataDir)
    const services = await openApp({ dataDir, mode: 'browser' })
    try {
      const send = { profileId: 'local-sandbox', channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' } as const
      for (const note of ['TICKET-1\u0000 hidden part', 'TICKET-1\u001b[2J', 'TICKET-1\u0085']) {
        const refused = await services.dispatch('sms.send', { ...send, note })
        expect(refused).toMatchObject({
          ok: false,
          error: { code: 'invalid-input', issues: [expect.objectContaining({ path: 'note' })] },
        })
      }
      expect(services.emulator.running!.received()).toEqual([])
      expect(services.history.counts({}).total).toBe(0)
      // Any printable text is kept exactly as typed.
      const note = 'TICKET-1 «工单» — ✓'
      const sent = await services.dispatch('sms.send', { ...send, note })
      expect(sent.ok).toBe(true)
      expect(services.history.get((sent.ok && (sent.value as { entryId: number }).entryId) || 0, false).note).toBe(note)
    } finally {
      await services.close()
    }
  })
})
