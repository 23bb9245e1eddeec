import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfileView, ResultKind, SendOutcome } from '../../../src-main/contract'
import { startEmulator, type RecordedRequest, type RunningEmulator } from '../../../src-main/emulator'
import { createServices, type Services } from '../../../src-main/services'
import { describe as describeValue, verdictOf } from './envelope'
import { FigureTally } from './figures'

/**
 * Section 2: every fault the emulator can put on the wire, an unresolvable host and a refused port.
 * Each send must come back with the right result kind, reach the server exactly once (never retried),
 * and leave exactly one completed history entry.
 */
const tally = new FigureTally('wire-faults')
const FAULT_APP = 'robustness-faults'

let dataDir: string
let services: Services
let emulator: RunningEmulator

async function valueOf<T>(name: string, input: unknown): Promise<T> {
  const envelope = await services.dispatch(name, input)
  if (!envelope.ok) throw new Error(`${name} failed: ${describeValue(envelope.error)}`)
  return envelope.value as T
}

function createProfile(name: string, appHost: string, appId: string, timeoutMs: number): Promise<ProfileView> {
  return valueOf<ProfileView>('profiles.create', {
    fields: { name, environment: 'staging', appHost, appId, timeoutMs },
  })
}

/** A loopback port nothing listens on. */
async function refusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function requestsFor(received: RecordedRequest[], appId: string, phoneNumber: string): number {
  return received.filter(
    (request) =>
      request.headers['x-authing-app-id'] === appId && request.body.includes(`"phoneNumber":"${phoneNumber}"`),
  ).length
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'robustness-faults-'))
  services = await createServices({ dataDir, mode: 'browser' })
  emulator = await startEmulator({ appIds: [`${FAULT_APP}-1s`, `${FAULT_APP}-5s`] })
})

afterAll(async () => {
  await emulator?.close()
  await services?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('faults on the wire', () => {
  it('gives each fault its result kind, sends it exactly once and records exactly one completed entry', async () => {
    const quick = await createProfile('Fault target (1 s)', emulator.url, `${FAULT_APP}-1s`, 1000)
    const patient = await createProfile('Fault target (5 s)', emulator.url, `${FAULT_APP}-5s`, 5000)
    const unresolvable = await createProfile(
      'Unresolvable host',
      'https://nonexistent.invalid',
      'robustness-nowhere',
      5000,
    )
    const refused = await createProfile(
      'Refused port',
      `http://127.0.0.1:${await refusedPort()}`,
      'robustness-refused',
      5000,
    )
    const sandbox = services.profiles.get('local-sandbox')

    type Row = {
      what: string
      profile: ProfileView
      phoneNumber: string
      kind: ResultKind
      server: RunningEmulator | null
      check?: (outcome: SendOutcome) => void
    }
    const rows: Row[] = [
      {
        what: 'slow answer within the timeout',
        profile: patient,
        phoneNumber: '10000009001',
        kind: 'success',
        server: emulator,
        check: ({ result }) => expect(result.latencyMs).toBeGreaterThanOrEqual(2900),
      },
      {
        what: 'slow answer after the timeout',
        profile: quick,
        phoneNumber: '10000009001',
        kind: 'timeout',
        server: emulator,
      },
      {
        what: 'no answer (timeout)',
        profile: quick,
        phoneNumber: '10000009002',
        kind: 'timeout',
        server: emulator,
        check: ({ result }) => expect(result.errorCode).toBe('TIMEOUT'),
      },
      {
        what: 'dropped connection',
        profile: patient,
        phoneNumber: '10000009003',
        kind: 'network-failure',
        server: emulator,
        check: ({ result }) => expect(result.errorCode).toBe('ECONNRESET'),
      },
      {
        what: 'HTTP 502 with HTML',
        profile: patient,
        phoneNumber: '10000009004',
        kind: 'http-failure',
        server: emulator,
        check: ({ result }) => expect(result.httpStatus).toBe(502),
      },
      {
        what: 'malformed JSON',
        profile: patient,
        phoneNumber: '10000009005',
        kind: 'unparseable-body',
        server: emulator,
      },
      {
        what: 'HTTP 503 with JSON',
        profile: patient,
        phoneNumber: '10000009006',
        kind: 'http-failure',
        server: emulator,
        check: ({ result }) => expect(result.httpStatus).toBe(503),
      },
      {
        what: 'sandbox: slow answer',
        profile: sandbox,
        phoneNumber: '10000009001',
        kind: 'success',
        server: services.emulator.running!,
      },
      {
        what: 'sandbox: dropped connection',
        profile: sandbox,
        phoneNumber: '10000009003',
        kind: 'network-failure',
        server: services.emulator.running!,
      },
      {
        what: 'sandbox: HTTP 502 with HTML',
        profile: sandbox,
        phoneNumber: '10000009004',
        kind: 'http-failure',
        server: services.emulator.running!,
      },
      {
        what: 'sandbox: malformed JSON',
        profile: sandbox,
        phoneNumber: '10000009005',
        kind: 'unparseable-body',
        server: services.emulator.running!,
      },
      {
        what: 'unresolvable host',
        profile: unresolvable,
        phoneNumber: '13912345678',
        kind: 'network-failure',
        server: null,
        check: ({ result }) => expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(result.errorCode),
      },
      {
        what: 'refused port',
        profile: refused,
        phoneNumber: '13912345678',
        kind: 'network-failure',
        server: null,
        check: ({ result }) => expect(result.errorCode).toBe('ECONNREFUSED'),
      },
    ]

    const outcomes = await Promise.all(
      rows.map(async (row) =>
        verdictOf(
          await services.dispatch('sms.send', {
            profileId: row.profile.id,
            channel: 'CHANNEL_LOGIN',
            phoneNumber: row.phoneNumber,
            phoneCountryCode: '+86',
            overrideValidation: true,
          }),
        ),
      ),
    )
    // Late retries would show up now: every slow answer has landed by the time this wait ends.
    await new Promise((resolve) => setTimeout(resolve, 500))

    const report = rows.map((row, index) => {
      const verdict = outcomes[index]!
      const outcome = verdict.kind === 'ok' ? (verdict.value as SendOutcome) : null
      const entries = services.history.query({
        filter: { profileId: row.profile.id, phone: row.phoneNumber },
        limit: 10,
      }).entries
      const requests = row.server ? requestsFor(row.server.received(), row.profile.appId, row.phoneNumber) : 1
      return { row, outcome, entries, requests, refusal: verdict.kind === 'refused' ? verdict.message : null }
    })
    tally.add({
      faultsInjected: rows.length,
      requestsDoubleSent: report.reduce((sum, { requests }) => sum + Math.max(0, requests - 1), 0),
      entriesLost: report.reduce((sum, { entries }) => sum + (entries.length === 0 ? 1 : 0), 0),
      entriesDuplicated: report.reduce((sum, { entries }) => sum + Math.max(0, entries.length - 1), 0),
      entriesLeftSending: services.history.counts({ outcome: 'sending' }).total,
    })

    for (const { row, outcome, entries, requests, refusal } of report) {
      expect({ what: row.what, refusal, kind: outcome?.result.kind, requests }).toEqual({
        what: row.what,
        refusal: null,
        kind: row.kind,
        requests: 1,
      })
      row.check?.(outcome!)
      expect(
        entries.map((entry) => ({ id: entry.id, outcome: entry.outcome, completed: entry.completedAt !== null })),
      ).toEqual([{ id: outcome!.entryId, outcome: row.kind, completed: true }])
    }
    expect(services.history.counts({}).total).toBe(rows.length)
    expect(services.history.counts({ outcome: 'sending' }).total).toBe(0)
  })

  it(
    'a send right after the process was busy for 7 s still reaches the server, not a stale pooled connection',
    { timeout: 30_000 },
    async () => {
      const profile = await createProfile('Keep-alive target', emulator.url, `${FAULT_APP}-5s`, 5000)
      const send = async () => {
        const verdict = verdictOf(
          await services.dispatch('sms.send', {
            profileId: profile.id,
            channel: 'CHANNEL_BIND_PHONE',
            phoneNumber: '10000000200',
            overrideValidation: true,
            overrideCooldown: true,
          }),
        )
        return verdict.kind === 'ok' ? (verdict.value as SendOutcome).result : null
      }
      const first = await send()
      // As a large synchronous history export would hold the main process while another send waits.
      const busyUntil = Date.now() + 7000
      while (Date.now() < busyUntil);
      const second = await send()
      const requests = requestsFor(emulator.received(), profile.appId, '10000000200')
      tally.add({ faultsInjected: 1 })

      expect(first?.kind).toBe('success')
      expect({ kind: second?.kind, errorCode: second?.errorCode, requests }).toEqual({
        kind: 'success',
        errorCode: null,
        requests: 2,
      })
    },
  )

  it('a send the client refuses before anything goes out leaves no entry stuck in sending', async () => {
    const oddAppId = await createProfile('Non-ASCII App ID', emulator.url, 'app-应用', 5000)
    const before = services.history.counts({})
    const requestsBefore = emulator.received().length
    const attempts = [
      { profileId: 'local-sandbox', phoneNumber: '13912345670', accessToken: 'token-with-é' },
      { profileId: 'local-sandbox', phoneNumber: '13912345671', accessToken: ' padded-token ' },
      { profileId: oddAppId.id, phoneNumber: '13912345672' },
    ]
    const verdicts = []
    for (const attempt of attempts) {
      verdicts.push(
        verdictOf(
          await services.dispatch('sms.send', { channel: 'CHANNEL_LOGIN', phoneCountryCode: '+86', ...attempt }),
        ),
      )
    }
    const after = services.history.counts({})
    const leftSending = (after.counts.sending ?? 0) - (before.counts.sending ?? 0)
    tally.add({ faultsInjected: attempts.length, entriesLeftSending: leftSending })

    expect(verdicts.map((verdict) => verdict.kind === 'refused' && verdict.code)).toEqual([
      'invalid-input',
      'invalid-input',
      'invalid-input',
    ])
    expect(emulator.received().length).toBe(requestsBefore)
    // Either nothing is recorded, or the refusal is recorded as finished: never a send that looks in flight.
    expect(leftSending).toBe(0)
    const report = await services.cooldownFor({
      profileId: 'local-sandbox',
      phoneNumber: '13912345670',
      phoneCountryCode: '+86',
    })
    expect(report.channels.find((channel) => channel.channel === 'CHANNEL_LOGIN')?.state).toBe('free')
  })
})
