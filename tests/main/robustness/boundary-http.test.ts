import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_NAMES, type ProfileList, type ProfileView, type SendOutcome } from '../../../src-main/shared/contract'
import { dataFolderState } from './data-state'
import { verdictOf, type Verdict } from './envelope'
import { FigureTally } from './figures'
import { SEED } from './fuzz-run'
import { HostProcess, jsonOf, type Reply } from './host-process'
import { harmlessPayload, invalidPayload, type Expected, type FuzzContext, type HarmlessPayload } from './payloads'

/**
 * Section 1, over real HTTP: a sample of the same generated payloads (JSON-safe ones) posted to the
 * built browser-mode host in its own process, plus bodies and paths only a transport can get wrong.
 * The host must answer every one with a typed error or a correct value, stay up, and change nothing.
 */
const INVALID_PER_CALL = 40
const HARMLESS_PER_CALL = 10
const CONCURRENCY = 8
const tally = new FigureTally('boundary-http')

let host: HostProcess
let dataDir: string
let context: FuzzContext

async function stateOf() {
  return {
    folder: dataFolderState(dataDir),
    profiles: await host.value<ProfileList>('profiles.list'),
    settings: await host.value('settings.get'),
    history: await host.value('history.query', { limit: 500 }),
  }
}

/** A POST of `input` as its JSON text; undefined goes as an empty body, which the host reads as `{}`. */
function postInput(name: string, input: unknown): Promise<Reply> {
  return host.post(`/rpc/${encodeURIComponent(name)}`, input === undefined ? '' : JSON.stringify(input))
}

function envelopeOf(reply: Reply): Verdict {
  if (!reply.contentType.startsWith('application/json')) {
    throw new Error(`HTTP ${reply.status} ${reply.contentType}: ${reply.text.slice(0, 200)}`)
  }
  return verdictOf(jsonOf(reply))
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

beforeAll(async () => {
  console.log(`boundary over HTTP: seed ${SEED} (ROBUSTNESS_SEED=${SEED} repeats this sample)`)
  dataDir = mkdtempSync(join(tmpdir(), 'robustness-http-'))
  host = await HostProcess.start(dataDir)
  await host.value('settings.update', { theme: 'dark' })
  const production = await host.value<ProfileView>('profiles.create', {
    fields: {
      name: 'Production app',
      environment: 'production',
      appHost: 'https://example.genauth.ai',
      appId: 'prod-app',
    },
  })
  const staging = await host.value<ProfileView>('profiles.create', {
    fields: { name: 'Staging app', environment: 'staging', appHost: 'http://127.0.0.1:9', appId: 'staging-app' },
  })
  const cooled = { phoneNumber: '13912345678', phoneCountryCode: '+86', channel: 'CHANNEL_LOGIN' as const }
  const sent = await host.value<SendOutcome>('sms.send', { profileId: 'local-sandbox', ...cooled })
  expect(sent.result.kind).toBe('success')
  const list = await host.value<ProfileList>('profiles.list')
  context = {
    profileIds: list.profiles.map((profile) => profile.id),
    profileNames: list.profiles.map((profile) => profile.name),
    productionId: production.id,
    stagingId: staging.id,
    entryIds: [sent.entryId],
    cooled,
  }
})

afterAll(async () => {
  await host?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('bad input at the boundary, over HTTP to the browser-mode host', () => {
  it(`answers ${CALL_NAMES.length * (INVALID_PER_CALL + HARMLESS_PER_CALL)} generated payloads with typed errors or correct values, stays up, and changes nothing`, async () => {
    const before = await stateOf()
    const payloads: Array<{ name: string } & HarmlessPayload> = []
    for (const name of CALL_NAMES) {
      const harmless = harmlessPayload(name, context, 'json')
      const invalidCount = harmless ? INVALID_PER_CALL : INVALID_PER_CALL + HARMLESS_PER_CALL
      for (const input of fc.sample(invalidPayload(name, 'json'), { numRuns: invalidCount, seed: SEED })) {
        payloads.push({ name, input, expect: ['invalid-input'], why: 'breaks the input schema' })
      }
      if (harmless) {
        for (const payload of fc.sample(harmless, { numRuns: HARMLESS_PER_CALL, seed: SEED }))
          payloads.push({ name, ...payload })
      }
    }
    const perCall = new Map<string, { tried: number; rejected: number }>()
    const failures: string[] = []
    await inBatches(payloads, async ({ name, input, expect: expected, why }) => {
      const counts = perCall.get(name) ?? { tried: 0, rejected: 0 }
      perCall.set(name, counts)
      counts.tried++
      try {
        const reply = await postInput(name, input)
        const verdict = envelopeOf(reply)
        if (verdict.kind === 'refused') counts.rejected++
        const got: Expected = verdict.kind === 'ok' ? 'ok' : verdict.code
        if (reply.status !== 200 || !expected.includes(got)) {
          failures.push(`${name} (${why}): HTTP ${reply.status}, expected ${expected.join(' or ')}, got ${got}`)
        }
      } catch (error) {
        failures.push(`${name} (${why}): ${String(error)} for ${JSON.stringify(input)?.slice(0, 200)}`)
      }
    })
    const tried = [...perCall.values()].reduce((sum, counts) => sum + counts.tried, 0)
    const rejected = [...perCall.values()].reduce((sum, counts) => sum + counts.rejected, 0)
    tally.add({ inputsTried: tried, inputsRejected: rejected })
    console.log(
      `over HTTP: ${tried} payloads, ${rejected} refused\n` +
        [...perCall]
          .map(
            ([name, counts]) =>
              `  ${name.padEnd(20)}${String(counts.tried).padStart(5)}${String(counts.rejected).padStart(5)}`,
          )
          .join('\n'),
    )
    expect(failures).toEqual([])
    expect(host.alive).toBe(true)
    expect(await stateOf()).toEqual(before)
  })

  it('answers malformed bodies, paths, tokens and methods without a crash or a state change', async () => {
    const before = await stateOf()
    // Each on a connection of its own: the host may close one after refusing a request it did not read.
    const rpc = (body: string | Buffer, path = '/rpc/profiles.list', headers: Record<string, string> = {}) =>
      host.post(path, body, headers, 'POST', true)
    const cases: Array<{ what: string; send: () => Promise<Reply>; status: number; code: Expected | null }> = [
      ...[
        '{not json',
        '\u0000',
        '{"a":',
        'undefined',
        "{'a':1}",
        '\ufeff{}',
        '[1,2',
        '"unterminated',
        '{"a":1}{"b":2}',
      ].map((body) => ({
        what: `body ${JSON.stringify(body)}`,
        send: () => rpc(body),
        status: 400,
        code: 'invalid-input' as const,
      })),
      {
        what: 'deeply nested JSON',
        send: () => rpc('['.repeat(200_000) + ']'.repeat(200_000)),
        status: 200,
        code: 'invalid-input',
      },
      {
        what: 'invalid UTF-8',
        send: () => rpc(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
        status: 400,
        code: 'invalid-input',
      },
      {
        what: 'a text/plain body',
        send: () => rpc('{}', '/rpc/profiles.list', { 'content-type': 'text/plain' }),
        status: 200,
        code: 'ok',
      },
      { what: 'an empty call name', send: () => rpc('{}', '/rpc/'), status: 200, code: 'unknown-call' },
      { what: 'a path below a call', send: () => rpc('{}', '/rpc/sms.send/extra'), status: 200, code: 'unknown-call' },
      {
        // Decoded and normalised, the path is /etc/passwd: no call, only a file path, which takes GET alone.
        what: 'a dot-dot name',
        send: () => rpc('{}', '/rpc/..%2F..%2Fetc%2Fpasswd'),
        status: 405,
        code: null,
      },
      { what: 'a prototype name', send: () => rpc('{}', '/rpc/__proto__'), status: 200, code: 'unknown-call' },
      { what: 'constructor', send: () => rpc('{}', '/rpc/constructor'), status: 200, code: 'unknown-call' },
      {
        what: 'an encoded call name',
        send: () => rpc('{"confirm":false}', '/rpc/%68istory.clear'),
        status: 200,
        code: 'invalid-input',
      },
      {
        what: 'no token',
        send: () => rpc('{}', '/rpc/profiles.list', { 'x-console-token': '' }),
        status: 401,
        code: 'forbidden-sender',
      },
      {
        what: 'a wrong token',
        send: () => rpc('{}', '/rpc/history.clear', { 'x-console-token': host.token.slice(1) }),
        status: 401,
        code: 'forbidden-sender',
      },
      {
        what: 'a foreign origin',
        send: () => rpc('{"confirm":true}', '/rpc/history.clear', { origin: 'http://evil.example' }),
        status: 403,
        code: 'forbidden-sender',
      },
      {
        what: 'GET on a call',
        send: () => host.post('/rpc/profiles.list', '', {}, 'GET', true),
        status: 405,
        code: null,
      },
      {
        what: 'PUT on a call',
        send: () => host.post('/rpc/history.clear', '{"confirm":true}', {}, 'PUT', true),
        status: 405,
        code: null,
      },
      {
        what: 'DELETE on a call',
        send: () => host.post('/rpc/history.clear', '{"confirm":true}', {}, 'DELETE', true),
        status: 405,
        code: null,
      },
    ]
    let rejected = 0
    const failures: string[] = []
    for (const { what, send, status, code } of cases) {
      try {
        const reply = await send()
        if (code !== null) {
          const verdict = envelopeOf(reply)
          const got = verdict.kind === 'ok' ? 'ok' : verdict.code
          if (verdict.kind === 'refused') rejected++
          if (got !== code || reply.status !== status)
            failures.push(`${what}: HTTP ${reply.status} ${got}, expected HTTP ${status} ${code}`)
        } else {
          rejected++
          if (reply.status !== status) failures.push(`${what}: HTTP ${reply.status}, expected ${status}`)
        }
      } catch (error) {
        failures.push(`${what}: ${String(error)}`)
      }
    }
    tally.add({ inputsTried: cases.length, inputsRejected: rejected })
    expect(failures).toEqual([])
    expect(host.alive).toBe(true)
    expect(await stateOf()).toEqual(before)
  })

  it('answers a body over the 2 MB limit with its typed 413 error, not a connection reset', async () => {
    const reply = await host
      .post('/rpc/profiles.import', Buffer.alloc(3 * 1024 * 1024, 0x20), {}, 'POST', true)
      .catch((error: unknown) => ({ status: 0, contentType: '', text: String(error) }))
    tally.add({ inputsTried: 1, inputsRejected: reply.status === 413 ? 1 : 0 })
    expect(host.alive).toBe(true)
    expect({ status: reply.status, envelope: jsonOf(reply) ?? reply.text }).toEqual({
      status: 413,
      envelope: { ok: false, error: { code: 'invalid-input', message: 'The request is too large.' } },
    })
  })

  it('answers a call name with broken percent-encoding with a typed JSON error, not a bare 500', async () => {
    const reply = await host.post('/rpc/%E0%A4%A', '{}', {}, 'POST', true)
    tally.add({ inputsTried: 1, inputsRejected: reply.status === 200 ? 0 : 1 })
    expect(host.alive).toBe(true)
    expect({ status: reply.status, contentType: reply.contentType }).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
    })
    expect(envelopeOf(reply)).toMatchObject({ kind: 'refused', code: 'unknown-call' })
  })
})
