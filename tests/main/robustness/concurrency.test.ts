import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HistoryPage, ProfileView, SendOutcome } from '../../../src-main/shared/contract'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator'
import { openApp, type OpenApp } from '../open-app'
import { verdictOf, type Verdict } from './envelope'
import { FigureTally } from './figures'
import { KEYCHAIN_REACHABLE } from '../credentials/keychain-session'
import { assertHostBuilt, HostProcess, jsonOf } from './host-process'

/**
 * Section 4: fifty sends for one phone and channel at once, in process and over HTTP. Exactly one
 * request may go out; every other send is refused with `in-flight` or `cooldown` and says why.
 */
const SENDS = 50
/** Each burst's two first sends race across the processes; one burst alone shows a double send only sometimes. */
const BURSTS = 30
const CONCURRENCY_APP = 'robustness-concurrency'
const tally = new FigureTally('concurrency')

let emulator: RunningEmulator
const folders: string[] = []

function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'robustness-concurrency-'))
  folders.push(dir)
  return dir
}

type Summary = { sent: number; refused: Record<string, number>; unclear: string[]; other: string[] }

/** Sorts the answers: successful sends, refusals by code, refusals whose message does not say why. */
function summarize(verdicts: Verdict[]): Summary {
  const summary: Summary = { sent: 0, refused: {}, unclear: [], other: [] }
  for (const verdict of verdicts) {
    if (verdict.kind === 'ok') {
      summary.sent++
      continue
    }
    summary.refused[verdict.code] = (summary.refused[verdict.code] ?? 0) + 1
    if (verdict.code !== 'in-flight' && verdict.code !== 'cooldown')
      summary.other.push(`${verdict.code}: ${verdict.message}`)
    else if (!/already in progress|\d+ s left/.test(verdict.message)) summary.unclear.push(verdict.message)
  }
  return summary
}

function requestsTo(server: RunningEmulator, appId: string, phoneNumber: string): number {
  return server
    .received()
    .filter(
      (request) =>
        request.headers['x-authing-app-id'] === appId && request.body.includes(`"phoneNumber":"${phoneNumber}"`),
    ).length
}

function record(summary: Summary, requests: number, entries: number): void {
  tally.add({
    requestsDoubleSent: Math.max(0, requests - 1),
    entriesLost: Math.max(0, summary.sent - entries),
    entriesDuplicated: Math.max(0, entries - summary.sent),
  })
}

beforeAll(async () => {
  emulator = await startEmulator({ appIds: [CONCURRENCY_APP] })
})

afterAll(async () => {
  await emulator?.close()
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
})

describe('rapid sends for one phone and channel', () => {
  it(`in process: ${SENDS} concurrent dispatches send once, the rest are refused with in-flight or cooldown`, async () => {
    const services: OpenApp = await openApp({ dataDir: freshFolder(), mode: 'browser' })
    try {
      const input = {
        profileId: 'local-sandbox',
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '13912340001',
        phoneCountryCode: '+86',
      }
      const verdicts = (
        await Promise.all(Array.from({ length: SENDS }, () => services.dispatch('sms.send', input)))
      ).map(verdictOf)
      const summary = summarize(verdicts)
      const requests = requestsTo(services.emulator.running!, 'local-sandbox-app', input.phoneNumber)
      const entries = services.history.counts({}).total
      record(summary, requests, entries)
      console.log(
        `in process: ${summary.sent} sent, refused ${JSON.stringify(summary.refused)}, ${requests} request(s) at the emulator`,
      )

      expect(summary).toEqual({ sent: 1, refused: expect.any(Object), unclear: [], other: [] })
      expect(requests).toBe(1)
      expect(entries).toBe(1)
      const sent = verdicts.find((verdict) => verdict.kind === 'ok')!
      expect(sent.kind === 'ok' && (sent.value as SendOutcome).result.kind).toBe('success')
    } finally {
      await services.close()
    }
  })

  it(`over HTTP: ${SENDS} concurrent POSTs to the browser-mode host send once`, async () => {
    assertHostBuilt()
    const host = await HostProcess.start(freshFolder())
    try {
      const profile = await host.value<ProfileView>('profiles.create', {
        fields: { name: 'Concurrency target', environment: 'staging', appHost: emulator.url, appId: CONCURRENCY_APP },
      })
      const input = {
        profileId: profile.id,
        channel: 'CHANNEL_LOGIN',
        phoneNumber: '13912340002',
        phoneCountryCode: '+86',
      }
      const replies = await Promise.all(Array.from({ length: SENDS }, () => host.call('sms.send', input)))
      const summary = summarize(replies.map((reply) => verdictOf(jsonOf(reply))))
      const requests = requestsTo(emulator, CONCURRENCY_APP, input.phoneNumber)
      const entries = (await host.value<HistoryPage>('history.query', { limit: 500 })).total
      record(summary, requests, entries)
      console.log(
        `over HTTP: ${summary.sent} sent, refused ${JSON.stringify(summary.refused)}, ${requests} request(s) at the emulator`,
      )

      expect(summary).toEqual({ sent: 1, refused: expect.any(Object), unclear: [], other: [] })
      expect(requests).toBe(1)
      expect(entries).toBe(1)
      expect(host.alive).toBe(true)
    } finally {
      await host.stop()
    }
  })

  it(`two hosts on one data folder: ${BURSTS} bursts of ${SENDS} concurrent POSTs split between them send once each`, async () => {
    assertHostBuilt()
    const dataDir = freshFolder()
    const first = await HostProcess.start(dataDir)
    const second = await HostProcess.start(dataDir)
    const totals = { sent: 0, requests: 0, entries: 0, doubleSent: 0, refused: {} as Record<string, number> }
    const problems: string[] = []
    try {
      const profile = await first.value<ProfileView>('profiles.create', {
        fields: { name: 'Shared target', environment: 'staging', appHost: emulator.url, appId: CONCURRENCY_APP },
      })
      // A stored token makes each send read the keychain between its checks and its history entry, as a
      // user's profile would; the race between the two processes lives in that gap.
      if (KEYCHAIN_REACHABLE) {
        await first.value('profiles.setSecret', { id: profile.id, kind: 'accessToken', value: `token-${profile.id}` })
      }
      // One phone a burst, so each burst starts free of cooldown; the hosts stay up between bursts.
      for (let burst = 1; burst <= BURSTS; burst++) {
        const input = {
          profileId: profile.id,
          channel: 'CHANNEL_LOGIN',
          phoneNumber: `1391235${String(burst).padStart(4, '0')}`,
          phoneCountryCode: '+86',
        }
        const replies = await Promise.all(
          Array.from({ length: SENDS }, (_, index) => (index % 2 === 0 ? first : second).call('sms.send', input)),
        )
        const summary = summarize(replies.map((reply) => verdictOf(jsonOf(reply))))
        const requests = requestsTo(emulator, CONCURRENCY_APP, input.phoneNumber)
        const entries = (await first.value<HistoryPage>('history.query', { filter: { phone: input.phoneNumber } }))
          .total
        totals.sent += summary.sent
        totals.requests += requests
        totals.entries += entries
        totals.doubleSent += Math.max(0, requests - 1)
        for (const [code, count] of Object.entries(summary.refused))
          totals.refused[code] = (totals.refused[code] ?? 0) + count
        if (requests !== 1)
          problems.push(`burst ${burst}: ${requests} requests went out (${summary.sent} sends answered)`)
        problems.push(...summary.unclear.map((message) => `burst ${burst}: unclear refusal "${message}"`))
        problems.push(...summary.other.map((message) => `burst ${burst}: unexpected refusal ${message}`))
      }
      tally.add({
        requestsDoubleSent: totals.doubleSent,
        entriesLost: Math.max(0, totals.sent - totals.entries),
        entriesDuplicated: Math.max(0, totals.entries - totals.sent),
      })
      console.log(
        `two hosts: ${BURSTS} bursts, ${totals.sent} sent, refused ${JSON.stringify(totals.refused)}, ` +
          `${totals.requests} request(s) at the emulator${KEYCHAIN_REACHABLE ? ', stored token' : ''}`,
      )
      expect(problems).toEqual([])
      expect({ sent: totals.sent, requests: totals.requests, entries: totals.entries }).toEqual({
        sent: BURSTS,
        requests: BURSTS,
        entries: BURSTS,
      })
    } finally {
      await first.stop()
      await second.stop()
    }
  })
})
