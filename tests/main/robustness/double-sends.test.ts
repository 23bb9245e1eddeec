import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfileView, SendOutcome } from '../../../src-main/shared/contract'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import { openApp } from '../open-app'
import { cliProcess, startCli } from '../cli/cli-harness'
import { FigureTally } from './figures'
import { HostProcess } from './host-process'

/**
 * Issue 12, section 2: the sends the cooldown must stop from going out twice. The same phone with and
 * without its country code from the app and the CLI, timeouts in a row, and a send whose answer cannot
 * be recorded because the data folder's disk filled up while the request was on the wire.
 */
const tally = new FigureTally('double-sends')
const APP = 'robustness-double-sends'
const folders: string[] = []
let emulator: RunningEmulator

function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'robustness-double-sends-'))
  folders.push(dir)
  return dir
}

function requestsFor(phoneNumber: string): number {
  return emulator.received().filter((request) => request.body.includes(`"phoneNumber":"${phoneNumber}"`)).length
}

beforeAll(async () => {
  emulator = await startEmulator({ appIds: [APP] })
})

afterAll(async () => {
  await emulator?.close()
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
})

describe('the same phone with and without its country code', () => {
  it('app (+86) then CLI (no --country), and CLI then app, put one request each on the wire', async () => {
    const dataDir = freshFolder()
    const host = await HostProcess.start(dataDir)
    try {
      const profile = await host.value<ProfileView>('profiles.create', {
        fields: { name: 'Country target', environment: 'staging', appHost: emulator.url, appId: APP },
      })
      const viaCli = (phone: string, country: string[]) =>
        cliProcess(['send', '--profile', profile.id, '--channel', 'login', '--phone', phone, ...country], dataDir)

      const appFirst = await host.value<SendOutcome>('sms.send', {
        profileId: profile.id,
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '13912350001',
        phoneCountryCode: '+86',
      })
      const cliAfter = await viaCli('13912350001', [])

      const cliFirst = await viaCli('13912350002', ['--country', '86'])
      const appAfter = await host.call('sms.send', {
        profileId: profile.id,
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '13912350002',
      })

      const requests = [requestsFor('13912350001'), requestsFor('13912350002')]
      tally.add({ requestsDoubleSent: requests.reduce((sum, n) => sum + Math.max(0, n - 1), 0) })
      tally.measure(
        'country code',
        `app +86 then CLI without, and CLI 86 then app without: ${requests.join(' and ')} request(s) on the wire`,
      )
      expect(appFirst.result.kind).toBe('success')
      expect(cliAfter).toMatchObject({ code: 4, stderr: expect.stringContaining('s left on this channel') })
      expect(cliFirst.code).toBe(0)
      expect(JSON.parse(appAfter.text)).toMatchObject({ ok: false, error: { code: 'cooldown' } })
      expect(requests).toEqual([1, 1])
    } finally {
      await host.stop()
    }
  })
})

describe('timeouts in a row', () => {
  it('three sends to a number that never answers put one request on the wire', async () => {
    const services = await openApp({ dataDir: freshFolder(), mode: 'browser' })
    try {
      const profile = await services.profiles.create({
        name: 'Never answers',
        environment: 'staging',
        appHost: emulator.url,
        appId: APP,
        timeoutMs: 1000,
      })
      const verdicts: string[] = []
      for (let i = 0; i < 3; i++) {
        const envelope = await services.dispatch('sms.send', {
          profileId: profile.id,
          channel: 'CHANNEL_LOGIN',
          // The emulator's never-answering number, sent as any number would be from a staging profile.
          phoneNumber: '10000009002',
          overrideValidation: true,
        })
        verdicts.push(envelope.ok ? (envelope.value as SendOutcome).result.kind : envelope.error.code)
      }
      const requests = requestsFor('10000009002')
      tally.add({ faultsInjected: requests, requestsDoubleSent: Math.max(0, requests - 1) })
      tally.measure('timeouts in a row', `3 sends answered ${verdicts.join(', ')}; ${requests} request(s) on the wire`)
      expect(verdicts).toEqual(['timeout', 'cooldown', 'cooldown'])
      expect(requests).toBe(1)
    } finally {
      await services.close()
    }
  })
})

/** A send-sms server whose answer waits until the test lets it go, counting what it received. */
async function heldServer(): Promise<{ url: string; requests: () => number; release: () => void; server: Server }> {
  let received = 0
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  const server = createServer((request, response) => {
    received++
    request.resume()
    void released.then(() => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ statusCode: 200, message: 'ok', requestId: `req-held-${received}` }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, requests: () => received, release, server }
}

/** Writes to `file` until the disk refuses, leaving it full. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w')
  const block = Buffer.alloc(4096, 1)
  try {
    for (;;) writeSync(fd, block)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 30 s`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the disk fills up while the request is on the wire', () => {
  const mountPoint = freshFolder()
  let mounted: string | null = null
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' })
    mounted = mountPoint
  } catch (error) {
    const reason = `cannot mount a tmpfs as the data folder (${String((error as Error).message).split('\n')[0]}): needs root`
    tally.skip(reason)
    tally.measure('disk full', `skipped: ${reason}`)
  }
  afterAll(() => {
    if (mounted) execFileSync('umount', [mounted])
  })

  it.skipIf(mounted === null)(
    'the CLI prints the real answer and says it was not recorded; no resend goes out',
    async () => {
      const dataDir = join(mounted!, 'data')
      const server = await heldServer()
      try {
        const send = ['send', '--host', server.url, '--app-id', APP, '--channel', 'login', '--phone', '13912350003']
        const first = startCli([...send, '--country', '+86', '--json'], dataDir)
        await waitUntil(() => server.requests() === 1, 'the request')
        fillDisk(join(mounted!, 'filler'))
        server.release()
        const run = await first.finished
        tally.add({ faultsInjected: 1 })

        const outcome = JSON.parse(run.stdout || 'null') as SendOutcome | null
        tally.add({ outcomesHidden: outcome?.result.kind === 'success' ? 0 : 1 })
        const firstRun = `exit ${run.code}, outcome ${outcome?.result.kind}, not recorded: ${outcome?.recordFailure}`
        expect(run.code).toBe(0)
        expect(outcome).toMatchObject({ result: { kind: 'success', requestId: 'req-held-1' } })
        expect(outcome!.recordFailure).toMatch(/full/i)
        expect(run.stderr).toMatch(/^genauth-sms: warning: the answer was not recorded in the history \(.*full.*\)/)
        expect(run.stderr.trim().split('\n')).toHaveLength(1)

        // Disk still full: the next send is refused before anything goes out.
        const whileFull = await cliProcess(send, dataDir)
        // Space again: the entry left unfinished counts as maybe sent.
        rmSync(join(mounted!, 'filler'))
        const after = await cliProcess(send, dataDir)
        tally.add({ requestsDoubleSent: Math.max(0, server.requests() - 1) })
        tally.measure(
          'disk full (4 MiB tmpfs)',
          `${firstRun}; resend while full exit ${whileFull.code}, once freed exit ${after.code}; ${server.requests()} request(s) on the wire`,
        )
        expect(whileFull.code).not.toBe(0)
        expect(after.code).toBe(4)
        expect(after.stderr).toContain('may have been sent')
        expect(server.requests()).toBe(1)
      } finally {
        server.release()
        server.server.close()
      }
    },
    120_000,
  )
})
