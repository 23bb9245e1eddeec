import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProfileList, SettingsPatch } from '../../../src-main/shared/contract'
import { openApp } from '../open-app'
import { verdictOf } from './envelope'
import { FigureTally } from './figures'
import { assertHostBuilt, HostProcess, jsonOf } from './host-process'

/**
 * Section 6: processes sharing one data folder write profiles and settings at the same moment. Every
 * write that was answered ok must be in the files afterwards; a read-change-write that overwrote
 * another process's change shows up here as a lost write.
 */
const CREATES_PER_PROCESS = 40
const tally = new FigureTally('profile-writes')
const folders: string[] = []

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
})

function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'robustness-profile-writes-'))
  folders.push(dir)
  return dir
}

function fields(name: string) {
  return { name, environment: 'staging', appHost: 'https://writes.example.com', appId: 'robustness-writes' }
}

/** Creates profiles through one process, all at once; the names of those answered ok. */
async function createMany(host: HostProcess, prefix: string): Promise<string[]> {
  const names = Array.from({ length: CREATES_PER_PROCESS }, (_, index) => `${prefix} ${index}`)
  const replies = await Promise.all(names.map((name) => host.call('profiles.create', { fields: fields(name) })))
  return names.filter((_, index) => verdictOf(jsonOf(replies[index]!)).kind === 'ok')
}

describe('two processes writing the same data folder', () => {
  it(`two browser-mode hosts, ${CREATES_PER_PROCESS} concurrent profiles.create each: no acknowledged profile is lost`, async () => {
    assertHostBuilt()
    const dataDir = freshFolder()
    const hosts = await Promise.all([HostProcess.start(dataDir), HostProcess.start(dataDir)])
    try {
      const acknowledged = (await Promise.all(hosts.map((host, index) => createMany(host, `Host ${index}`)))).flat()
      const stored = new Set((await hosts[0]!.value<ProfileList>('profiles.list')).profiles.map((p) => p.name))
      const lost = acknowledged.filter((name) => !stored.has(name))
      tally.add({ inputsTried: 2 * CREATES_PER_PROCESS, writesLost: lost.length })
      tally.measure(
        'profile writes, two hosts',
        `${acknowledged.length} creates answered ok, ${lost.length} of them lost`,
      )

      expect(acknowledged).toHaveLength(2 * CREATES_PER_PROCESS)
      expect(lost).toEqual([])
      expect(hosts.every((host) => host.alive)).toBe(true)
    } finally {
      await Promise.all(hosts.map((host) => host.stop()))
    }
  })

  it('a host and a second process (as the CLI beside the app) changing settings and profiles at once lose nothing', async () => {
    assertHostBuilt()
    const dataDir = freshFolder()
    const host = await HostProcess.start(dataDir)
    const services = await openApp({ dataDir, mode: 'cli', retentionDelayMs: 60_000 })
    try {
      // Each side changes a setting of its own, so the last value of each must survive the other's writes.
      const hostSide = Array.from({ length: CREATES_PER_PROCESS }, (_, index) =>
        host.call('settings.update', { retentionDays: index + 1 }),
      )
      const localSide: SettingsPatch[] = Array.from({ length: CREATES_PER_PROCESS }, (_, index) => ({
        retentionMaxEntries: 100 + index,
      }))
      const hostCreating = createMany(host, 'Host')
      const localCreates: string[] = []
      for (const [index, patch] of localSide.entries()) {
        await services.dispatch('settings.update', patch)
        const name = `Local ${index}`
        if ((await services.dispatch('profiles.create', { fields: fields(name) })).ok) localCreates.push(name)
        // Hand the event loop over, so the host's writes interleave with these.
        await new Promise((resolve) => setImmediate(resolve))
      }
      const hostCreates = await hostCreating
      await Promise.all(hostSide)

      const settings = services.settings.get()
      const stored = new Set(services.profiles.list().profiles.map((profile) => profile.name))
      const lost = [...localCreates, ...hostCreates].filter((name) => !stored.has(name)).length
      const settingsLost = Number(settings.retentionMaxEntries !== 100 + CREATES_PER_PROCESS - 1)
      tally.add({ inputsTried: 4 * CREATES_PER_PROCESS, writesLost: lost + settingsLost })
      tally.measure('profile writes, host + second process', `${lost} profile(s) and ${settingsLost} setting(s) lost`)

      expect(lost).toBe(0)
      expect(settings.retentionMaxEntries).toBe(100 + CREATES_PER_PROCESS - 1)
      expect(settings.retentionDays).not.toBe(90)
    } finally {
      await services.close()
      await host.stop()
    }
  })
})
