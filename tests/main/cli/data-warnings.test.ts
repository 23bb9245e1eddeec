import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppInfo, ProfileList } from '../../../src-main/shared/contract'
import { cliInProcess, freshDataDir, removeDataDir, withAppServices } from './cli-harness'

let dataDir: string
beforeEach(() => {
  dataDir = freshDataDir()
})
afterEach(() => removeDataDir(dataDir))

const keptAside = () => readdirSync(dataDir).filter((name) => name.startsWith('profiles.json.corrupt-'))

describe('a damaged profiles.json found by the CLI', () => {
  it('is named on stderr by every command, logged, shown to the app, and gone once dismissed there', async () => {
    writeFileSync(join(dataDir, 'profiles.json'), '{ "profiles": [ {"id": "prod", "name": "Produc')

    const list = await cliInProcess(['profiles', 'list', '--json'], dataDir)
    expect(list.code).toBe(0)
    // stdout stays one JSON value; the warning is on stderr, naming the file kept aside.
    expect(ProfileList.parse(JSON.parse(list.stdout)).activeId).toBe('local-sandbox')
    expect(keptAside()).toHaveLength(1)
    expect(list.stderr).toContain(join(dataDir, keptAside()[0]!))
    expect(list.stderr).toMatch(/^genauth-sms: warning: The profiles file could not be fully read/)

    // A later command, even one that never reads the profiles, still says it: reading did not consume it.
    for (const args of [['channels'], ['history', '--json']]) {
      const run = await cliInProcess(args, dataDir)
      expect(run.code).toBe(0)
      expect(run.stderr).toContain(keptAside()[0])
    }
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain(keptAside()[0])

    await withAppServices(dataDir, async (services) => {
      const envelope = await services.dispatch('app.info', {})
      const info = AppInfo.parse(envelope.ok ? envelope.value : null)
      expect(info.warnings).toEqual([
        expect.objectContaining({ keptAs: join(dataDir, keptAside()[0]!), message: expect.any(String) }),
      ])
      const dismissed = await services.dispatch('app.dismissWarning', { id: info.warnings[0]!.id })
      expect(dismissed).toEqual({ ok: true, value: [] })
    })
    expect((await cliInProcess(['channels'], dataDir)).stderr).toBe('')
  })
})
