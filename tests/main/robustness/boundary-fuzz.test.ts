import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CALL_NAMES,
  SettingsPatch,
  SMS_CHANNELS,
  type CallName,
  type ProfileView,
  type SendOutcome,
} from '../../../src-main/shared/contract'
import { openApp, type OpenApp } from '../open-app'
import { dataFolderState } from './data-state'
import { describe as describeValue, verdictOf } from './envelope'
import { FigureTally } from './figures'
import {
  ACCEPTED_HOSTS,
  STORED_HOSTS,
  storedName,
  harmlessPayload,
  INPUT_SHAPES,
  invalidPayload,
  PROFILE_FIELDS,
  textValue,
  unknownCallName,
  validObject,
  type Expected,
  type FuzzContext,
  type HarmlessPayload,
} from './payloads'
import { polluted, prototypeFingerprint, RUNS_PER_CALL, SEED, watchProcessErrors } from './fuzz-run'

/**
 * Section 1, in process: every contract call gets RUNS_PER_CALL generated payloads through
 * `services.dispatch`, the gate both transports use, against real services on a temp data folder.
 */
const tally = new FigureTally('boundary-in-process')
const perCall: Array<{ name: string; tried: number; rejected: number; codes: Record<string, number> }> = []
const processErrors = watchProcessErrors()

// A clock that stands still: the cooldown this setup starts cannot run out while the payloads arrive.
const NOW = Date.now()
let dataDir: string
let services: OpenApp
let context: FuzzContext

type StateSnapshot = ReturnType<typeof stateOf>

function stateOf(current: OpenApp) {
  return {
    folder: dataFolderState(current.dataDir),
    profiles: current.profiles.list(),
    settings: current.settings.get(),
    history: current.history.query({ filter: {}, limit: 500 }),
  }
}

async function valueOf<T>(name: CallName, input: unknown): Promise<T> {
  const envelope = await services.dispatch(name, input)
  if (!envelope.ok) throw new Error(`setup call ${name} failed: ${describeValue(envelope.error)}`)
  return envelope.value as T
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'robustness-fuzz-'))
  services = await openApp({ dataDir, mode: 'browser', clock: () => NOW })
  await valueOf('settings.update', { theme: 'dark' })
  const production = await valueOf<ProfileView>('profiles.create', {
    fields: {
      name: 'Production app',
      environment: 'production',
      appHost: 'https://example.genauth.ai',
      appId: 'prod-app',
    },
  })
  const staging = await valueOf<ProfileView>('profiles.create', {
    fields: { name: 'Staging app', environment: 'staging', appHost: 'http://127.0.0.1:9', appId: 'staging-app' },
  })
  const cooled = { phoneNumber: '13912345678', phoneCountryCode: '+86', channel: 'CHANNEL_LOGIN' as const }
  const sent = await valueOf<SendOutcome>('sms.send', { profileId: 'local-sandbox', ...cooled })
  expect(sent.result.kind).toBe('success')
  const gateway = await valueOf<SendOutcome>('sms.send', {
    profileId: 'local-sandbox',
    channel: 'CHANNEL_REGISTER',
    phoneNumber: '10000009004',
  })
  expect(gateway.result.kind).toBe('http-failure')
  const list = services.profiles.list()
  context = {
    profileIds: list.profiles.map((profile) => profile.id),
    profileNames: list.profiles.map((profile) => profile.name),
    productionId: production.id,
    stagingId: staging.id,
    entryIds: [sent.entryId, gateway.entryId],
    cooled,
  }
  console.log(
    `boundary fuzz: ${RUNS_PER_CALL} payloads a call, seed ${SEED} (ROBUSTNESS_SEED=${SEED} repeats this run)`,
  )
})

afterAll(async () => {
  await services?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  processErrors.stop()
  if (perCall.length > 0) {
    console.log(
      ['call'.padEnd(20) + 'tried'.padStart(8) + 'rejected'.padStart(10) + '  codes']
        .concat(
          perCall.map(
            ({ name, tried, rejected, codes }) =>
              `${name.padEnd(20)}${String(tried).padStart(8)}${String(rejected).padStart(10)}  ${Object.entries(codes)
                .map(([code, count]) => `${code} ${count}`)
                .join(', ')}`,
          ),
        )
        .join('\n'),
    )
  }
})

describe('bad input at the boundary, in process (no state may change)', () => {
  let baseline: StateSnapshot
  let prototypes: string
  beforeAll(() => {
    baseline = stateOf(services)
    prototypes = prototypeFingerprint()
  })

  it.each(CALL_NAMES)(
    '%s: every generated payload is refused with a typed error or handled, and nothing changes',
    async (name) => {
      const invalid = invalidPayload(name, 'ipc').map((input): HarmlessPayload => ({
        input,
        expect: ['invalid-input'],
        why: 'breaks the input schema',
      }))
      const valid = harmlessPayload(name, context, 'ipc')
      // The keychain probe writes to the real Secret Service: a few valid calls are enough there.
      const validWeight = name === 'keychain.status' ? 1 : 25
      const payloads = valid
        ? fc.oneof({ arbitrary: invalid, weight: 100 - validWeight }, { arbitrary: valid, weight: validWeight })
        : invalid
      const counts = { name, tried: 0, rejected: 0, codes: {} as Record<string, number> }
      try {
        await fc.assert(
          fc.asyncProperty(payloads, async (payload) => {
            const envelope = await services.dispatch(name, payload.input)
            const verdict = verdictOf(envelope)
            const got: Expected = verdict.kind === 'ok' ? 'ok' : verdict.code
            counts.tried++
            if (verdict.kind === 'refused') counts.rejected++
            counts.codes[got] = (counts.codes[got] ?? 0) + 1
            if (!payload.expect.includes(got)) {
              throw new Error(
                `${payload.why}: expected ${payload.expect.join(' or ')}, got ${got}` +
                  (verdict.kind === 'refused' ? ` (${verdict.message})` : ''),
              )
            }
            if (name === 'profiles.import' && verdict.kind === 'ok') {
              expect((verdict.value as { imported: number }).imported).toBe(0)
            }
            // The HTTP host sends the envelope as JSON: it must always serialise.
            JSON.stringify(envelope)
            if (polluted()) throw new Error('Object.prototype was polluted')
          }),
          { numRuns: RUNS_PER_CALL, seed: SEED },
        )
      } finally {
        perCall.push(counts)
        tally.addCall(name, counts.tried, counts.rejected)
      }
      expect(counts.tried).toBeGreaterThanOrEqual(RUNS_PER_CALL)
      expect(prototypeFingerprint()).toBe(prototypes)
      expect(stateOf(services)).toEqual(baseline)
    },
  )

  it('refuses every name that is not a call with unknown-call', async () => {
    const counts = { name: '(not a call)', tried: 0, rejected: 0, codes: {} as Record<string, number> }
    try {
      await fc.assert(
        fc.asyncProperty(unknownCallName(CALL_NAMES), fc.anything({ maxDepth: 2 }), async (name, input) => {
          const verdict = verdictOf(await services.dispatch(name, input))
          const got = verdict.kind === 'ok' ? 'ok' : verdict.code
          counts.tried++
          if (verdict.kind === 'refused') counts.rejected++
          counts.codes[got] = (counts.codes[got] ?? 0) + 1
          expect(got).toBe('unknown-call')
        }),
        { numRuns: Math.ceil(RUNS_PER_CALL / 5), seed: SEED },
      )
    } finally {
      perCall.push(counts)
      tally.addCall(counts.name, counts.tried, counts.rejected)
    }
    expect(stateOf(services)).toEqual(baseline)
  })

  it('answers with an envelope even when merely reading the input throws (getter, proxy)', async () => {
    const throwingGetter = Object.defineProperty({}, 'profileId', {
      enumerable: true,
      get() {
        throw new Error('getter says no')
      },
    })
    const hostileProxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('ownKeys says no')
        },
        get() {
          throw new Error('get says no')
        },
      },
    )
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    const outcomes = []
    for (const input of [throwingGetter, hostileProxy, revoked.proxy]) {
      outcomes.push(
        await services.dispatch('sms.send', input).then(
          (envelope) => verdictOf(envelope),
          (error: unknown) => ({ kind: 'threw', error: String(error) }) as const,
        ),
      )
    }
    tally.addCall('(hostile objects)', outcomes.length, outcomes.filter((outcome) => outcome.kind === 'refused').length)
    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'refused', code: 'invalid-input' })
    expect(stateOf(services)).toEqual(baseline)
  })
})

describe('valid-shaped input that changes state, in process', () => {
  it('sms.send: a send gives one request and one completed entry, a refusal gives neither', async () => {
    const phoneNumber = fc.oneof(
      fc
        .tuple(fc.constantFrom('139', '138', '186', '150', '177'), fc.stringMatching(/^\d{8}$/))
        .map(([prefix, rest]) => prefix + rest),
      fc.constantFrom(
        '10000000200',
        '10000000401',
        '10000000429',
        '10000009003',
        '10000009004',
        '10000009005',
        '10000009006',
      ),
    )
    const sends = fc.record(
      {
        profileId: fc.constant('local-sandbox'),
        channel: fc.constantFrom(...SMS_CHANNELS),
        phoneNumber,
        phoneCountryCode: fc.constant('+86'),
        // Tokens a user could paste: printable ASCII, or anything at all.
        accessToken: fc.oneof(fc.stringMatching(/^[\x21-\x7e]{1,40}$/), fc.string({ unit: 'grapheme', maxLength: 16 })),
        note: textValue(0, 500, false),
        overrideCooldown: fc.boolean(),
        overrideValidation: fc.boolean(),
        confirmed: fc.boolean(),
      },
      { requiredKeys: ['profileId', 'channel', 'phoneNumber'] },
    )
    const figures = { tried: 0, rejected: 0, doubleSent: 0, lost: 0, leftSending: 0 }
    // The payloads above were answered in microtasks alone, so no timer ran for many seconds; let the
    // overdue ones run before sending (see wire-faults: a send after a long stall meets a stale connection).
    await new Promise((resolve) => setTimeout(resolve, 20))
    try {
      await fc.assert(
        fc.asyncProperty(sends, async (input) => {
          const total = services.history.counts({}).total
          const sending = services.history.counts({ outcome: 'sending' }).total
          const requests = services.emulator.running!.received().length
          const verdict = verdictOf(await services.dispatch('sms.send', input))
          figures.tried++
          const newEntries = services.history.counts({}).total - total
          const newRequests = services.emulator.running!.received().length - requests
          const stuck = services.history.counts({ outcome: 'sending' }).total - sending
          figures.doubleSent += Math.max(0, newRequests - 1)
          figures.leftSending += Math.max(0, stuck)
          if (verdict.kind === 'ok') {
            const { entryId, result } = verdict.value as SendOutcome
            figures.lost += Math.max(0, 1 - newEntries)
            const entry = services.history.get(entryId, true)
            expect({
              newEntries,
              newRequests,
              outcome: entry.outcome,
              completed: entry.completedAt !== null,
              transport: newRequests === 1 ? 'reached the emulator' : `${result.errorCode}: ${result.errorMessage}`,
            }).toEqual({
              newEntries: 1,
              newRequests: 1,
              outcome: result.kind,
              completed: true,
              transport: 'reached the emulator',
            })
          } else {
            figures.rejected++
            expect(['cooldown', 'invalid-phone', 'invalid-input']).toContain(verdict.code)
            expect({ code: verdict.code, newEntries, newRequests, stuck }).toEqual({
              code: verdict.code,
              newEntries: 0,
              newRequests: 0,
              stuck: 0,
            })
          }
        }),
        { numRuns: 120, seed: SEED },
      )
    } finally {
      tally.addCall('sms.send', figures.tried, figures.rejected)
      tally.add({
        requestsDoubleSent: figures.doubleSent,
        entriesLost: figures.lost,
        entriesLeftSending: figures.leftSending,
      })
      console.log(
        `valid-shaped sends: ${figures.tried} tried, ${figures.rejected} refused, ${figures.leftSending} entries left sending`,
      )
    }
  })

  it('profiles.create: a valid profile is stored as given, or refused with a typed error and nothing stored', async () => {
    const original = services.profiles.list()
    const created: string[] = []
    const creations = validObject(PROFILE_FIELDS, 'ipc', { appHost: fc.constantFrom(...ACCEPTED_HOSTS) })
    const figures = { tried: 0, rejected: 0 }
    try {
      await fc.assert(
        fc.asyncProperty(creations, async (fields) => {
          const before = services.profiles.list().profiles.length
          const verdict = verdictOf(await services.dispatch('profiles.create', { fields }))
          figures.tried++
          const after = services.profiles.list().profiles
          if (verdict.kind === 'refused') {
            figures.rejected++
            expect(verdict.code).toBe('conflict')
            expect(after).toHaveLength(before)
            return
          }
          const view = verdict.value as ProfileView
          created.push(view.id)
          expect(after).toHaveLength(before + 1)
          expect(after.find((profile) => profile.id === view.id)).toEqual({
            id: view.id,
            name: storedName(fields.name as string),
            environment: fields.environment,
            appHost: STORED_HOSTS[fields.appHost as string],
            appId: (fields.appId as string).trim(),
            language: fields.language ?? 'auto',
            timeoutMs: fields.timeoutMs ?? 10_000,
            headerFamily: fields.headerFamily ?? 'both',
            builtIn: false,
            hasAppSecret: false,
            hasAccessToken: false,
          })
        }),
        { numRuns: 150, seed: SEED },
      )
    } finally {
      tally.addCall('profiles.create', figures.tried, figures.rejected)
      for (const id of created) await services.dispatch('profiles.delete', { id })
    }
    expect(services.profiles.list()).toEqual(original)
  })

  it('settings.update: a valid patch is applied exactly', async () => {
    const { keychainBackend: _keychain, ...shape } = INPUT_SHAPES['settings.update']
    const figures = { tried: 0, rejected: 0 }
    try {
      await fc.assert(
        fc.asyncProperty(validObject(shape, 'ipc'), async (patch) => {
          const before = services.settings.get()
          const verdict = verdictOf(await services.dispatch('settings.update', patch))
          figures.tried++
          if (verdict.kind === 'refused') figures.rejected++
          // As the contract reads the patch: a team database's names trimmed, its port PostgreSQL's own if absent.
          const applied = { ...before, ...SettingsPatch.parse(patch) }
          expect(verdict).toEqual({ kind: 'ok', value: applied })
          expect(services.settings.get()).toEqual(applied)
        }),
        { numRuns: 100, seed: SEED },
      )
    } finally {
      tally.addCall('settings.update', figures.tried, figures.rejected)
    }
  })

  it('left no unhandled rejection or uncaught exception behind', () => {
    expect(processErrors.seen).toEqual([])
  })
})
