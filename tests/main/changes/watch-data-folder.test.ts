import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { errorText, type ConsoleEvent, type EventName, type ProfileFields } from '../../../src-main/shared/contract'
import { watchDataFolder } from '../../../src-main/changes/watch-data-folder'
import { KeytarStore } from '../../../src-main/credentials/keytar-store'
import { EventBus } from '../../../src-main/events'
import { DataWarnings } from '../../../src-main/files/data-warnings'
import { WARNINGS_FILE } from '../../../src-main/files/warnings-file'
import type { HistoryStore } from '../../../src-main/history'
import { ProfileService } from '../../../src-main/profiles/profile-service'
import { PROFILES_FILE } from '../../../src-main/profiles/profiles-file'
import { SETTINGS_FILE, SettingsStore } from '../../../src-main/settings/settings-store'
import { newEntry, sendResult, TempHistory } from '../history/history-fixtures'

// Profiles and settings changes here need no secret: a keychain that cannot load proves none is read.
const noKeychain = new KeytarStore('unused', async () => {
  throw new Error('keychain deliberately absent')
})
const STAGING: ProfileFields = {
  name: 'Staging',
  environment: 'staging',
  appHost: 'https://staging-app.genauth.ai',
  appId: '64f0aa00aa00aa00aa00aa01',
}

/**
 * This process's services (owners announcing on the bus, the watcher beside them) and, sharing the
 * folder, "another process": its own history connection and its own profile and settings services.
 */
let temp: TempHistory
let events: EventBus
let heard: { event: ConsoleEvent; at: number }[]
type Owners = { history: HistoryStore; profiles: ProfileService; settings: SettingsStore; warnings: DataWarnings }
let own: Owners
let other: Owners
let stop: () => void
let watchErrors: unknown[]
/** How often the watch read the files through their owners. */
let reads: { profiles: number; settings: number }

beforeEach(() => {
  temp = new TempHistory()
  events = new EventBus()
  heard = []
  watchErrors = []
  reads = { profiles: 0, settings: 0 }
  events.subscribe((event) => heard.push({ event, at: performance.now() }))
  const dataDir = temp.dir
  const clock = temp.clock.read
  own = {
    history: temp.open({ onChange: (notice) => events.emit({ name: 'history.changed', ...notice }) }),
    profiles: new ProfileService({
      dataDir,
      secrets: noKeychain,
      clock,
      onChange: (list) => events.emit({ name: 'profiles.changed', list }),
    }),
    settings: new SettingsStore(dataDir, clock, undefined, (settings) =>
      events.emit({ name: 'settings.changed', settings }),
    ),
    warnings: new DataWarnings(dataDir, undefined, (warnings) => events.emit({ name: 'warnings.changed', warnings })),
  }
  other = {
    history: temp.open({ processId: process.pid + 1 }),
    profiles: new ProfileService({ dataDir, secrets: noKeychain, clock }),
    settings: new SettingsStore(dataDir, clock),
    warnings: new DataWarnings(dataDir),
  }
  stop = watchDataFolder({
    events,
    history: own.history,
    profiles: {
      list: () => {
        reads.profiles++
        return own.profiles.list()
      },
    },
    profilesFile: join(dataDir, PROFILES_FILE),
    settings: {
      get: () => {
        reads.settings++
        return own.settings.get()
      },
    },
    settingsFile: join(dataDir, SETTINGS_FILE),
    warnings: own.warnings,
    warningsFile: join(dataDir, WARNINGS_FILE),
    onError: (error) => watchErrors.push(error),
  })
})

afterEach(() => {
  stop()
  temp.dispose()
  expect(watchErrors).toEqual([])
})

/** Milliseconds until the first event of `name` after `since`, waiting at most `withinMs`. */
async function heardWithin(name: EventName, since: number, withinMs = 1000): Promise<ConsoleEvent> {
  for (;;) {
    const found = heard.find((entry) => entry.event.name === name && entry.at >= since)
    if (found) {
      expect(found.at - since).toBeLessThan(withinMs)
      return found.event
    }
    if (performance.now() - since > withinMs) throw new Error(`no ${name} event within ${withinMs} ms`)
    await sleep(20)
  }
}

describe('changes another process makes to the data folder', () => {
  it('announce a send recorded through another connection within a second', async () => {
    const since = performance.now()
    const id = other.history.begin(newEntry())
    expect(await heardWithin('history.changed', since)).toEqual({
      name: 'history.changed',
      change: 'elsewhere',
      entryId: null,
    })

    const completedAt = performance.now()
    other.history.complete(id, sendResult(newEntry(), { kind: 'success' }))
    await heardWithin('history.changed', completedAt)
  })

  it('announce a profile another process created, with the new list', async () => {
    const since = performance.now()
    const created = other.profiles.create(STAGING)
    const event = await heardWithin('profiles.changed', since)
    expect(event).toMatchObject({ name: 'profiles.changed' })
    expect(event.name === 'profiles.changed' && event.list.profiles.map((profile) => profile.id)).toContain(created.id)
  })

  it('announce settings another process changed, with the new settings', async () => {
    const since = performance.now()
    other.settings.update({ theme: 'dark', retentionDays: 30 })
    const event = await heardWithin('settings.changed', since)
    expect(event.name === 'settings.changed' && event.settings).toMatchObject({ theme: 'dark', retentionDays: 30 })
  })

  it('announce a warning another process recorded, and its dismissal, with the new list', async () => {
    const since = performance.now()
    other.warnings.record(errorText('settingsKeptAside', 'The settings file could not be used.'), 'settings.json.aside')
    const recorded = await heardWithin('warnings.changed', since)
    expect(recorded.name === 'warnings.changed' && recorded.warnings.map((warning) => warning.keptAs)).toEqual([
      'settings.json.aside',
    ])

    const dismissedAt = performance.now()
    other.warnings.dismiss(other.warnings.list()[0]!.id)
    expect(await heardWithin('warnings.changed', dismissedAt)).toEqual({ name: 'warnings.changed', warnings: [] })
  })

  it('stop being announced once the watch is stopped', async () => {
    stop()
    other.history.begin(newEntry())
    other.settings.update({ theme: 'dark' })
    await sleep(800)
    expect(heard).toEqual([])
  })
})

describe('the watch', () => {
  it('announces nothing, and reads no file, while nothing changes', async () => {
    own.profiles.create(STAGING)
    own.settings.update({ theme: 'dark' })
    await sleep(500)
    heard.length = 0
    reads = { profiles: 0, settings: 0 }
    await sleep(1200)
    expect(heard).toEqual([])
    expect(reads).toEqual({ profiles: 0, settings: 0 })
  })

  it('leaves this process’s own changes to their owners: each is announced once', async () => {
    const id = own.history.begin(newEntry())
    own.history.complete(id, sendResult(newEntry(), { kind: 'success' }))
    own.profiles.create(STAGING)
    own.settings.update({ theme: 'light' })
    own.warnings.record(errorText('historyKeptAside', 'The history file could not be used.'), 'history.db.aside')
    await sleep(1000)
    expect(heard.map((entry) => entry.event)).toEqual([
      { name: 'history.changed', change: 'recorded', entryId: id },
      { name: 'history.changed', change: 'completed', entryId: id },
      expect.objectContaining({ name: 'profiles.changed' }),
      expect.objectContaining({ name: 'settings.changed' }),
      expect.objectContaining({ name: 'warnings.changed' }),
    ])
  })
})
