import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'libsql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppInfo, CooldownReport, HistoryPage, ProfileView, SendOutcome } from '../../../src-main/shared/contract'
import {
  EMULATOR_TOKEN_HEADER,
  startEmulator,
  type RecordedRequest,
  type RequestLogView,
  type RunningEmulator,
} from '../../../src-main/emulator'
import { openHistory } from '../../../src-main/history'
import { FigureTally } from './figures'
import { assertHostBuilt, HostProcess } from './host-process'

/**
 * Section 3: the browser-mode host is killed with SIGKILL while a send is in flight, twenty times, on
 * one data folder. After each restart the database must pass integrity_check, the interrupted send
 * must read `unknown`, and no entry may be lost or duplicated.
 */
const ROUNDS = 20
const CRASH_APP = 'robustness-crash'
const SLOW_NUMBER = '10000009001'
const tally = new FigureTally('crash-recovery')

let dataDir: string
let emulator: RunningEmulator

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** integrity_check on a connection of this process that cannot write (libsql 0.5 ignores `readonly`). */
function integrityOf(file: string): string {
  const db = new Database(file)
  try {
    db.exec('PRAGMA query_only = 1')
    const rows = db.prepare('PRAGMA integrity_check').all({}) as Array<{ integrity_check: string }>
    return rows.map((row) => row.integrity_check).join('; ')
  } finally {
    db.close()
  }
}

/** The host's sandbox emulator shares the page's per-run token for its control routes. */
async function embeddedRequests(emulatorUrl: string, token: string): Promise<RecordedRequest[]> {
  const response = await fetch(`${emulatorUrl}/__emulator/requests`, { headers: { [EMULATOR_TOKEN_HEADER]: token } })
  if (!response.ok) throw new Error(`the sandbox emulator's log answered HTTP ${response.status}`)
  return ((await response.json()) as RequestLogView).requests
}

beforeAll(async () => {
  assertHostBuilt()
  dataDir = mkdtempSync(join(tmpdir(), 'robustness-crash-'))
  emulator = await startEmulator({ appIds: [CRASH_APP] })
})

afterAll(async () => {
  await emulator?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('crashes mid-send', () => {
  it(
    `survives ${ROUNDS} SIGKILLs with a send in flight: intact database, interrupted sends read unknown, nothing lost or doubled`,
    { timeout: 180_000 },
    async () => {
      let host = await HostProcess.start(dataDir)
      const target = await host.value<ProfileView>('profiles.create', {
        fields: {
          name: 'Crash target',
          environment: 'staging',
          appHost: emulator.url,
          appId: CRASH_APP,
          timeoutMs: 30_000,
        },
      })
      const figures = { kills: 0, sends: 0, lost: 0, duplicated: 0, doubleSent: 0 }
      const problems: string[] = []
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          // Odd rounds send to the standalone emulator, even rounds to the host's own sandbox emulator.
          const viaSandbox = round % 2 === 0
          const emulatorUrl = (await host.value<AppInfo>('app.info')).emulatorUrl ?? ''
          const countRequests = async () =>
            viaSandbox
              ? (await embeddedRequests(emulatorUrl, host.token)).length
              : emulator.received().filter((request) => request.headers['x-authing-app-id'] === CRASH_APP).length
          const before = await countRequests()
          const reply = host
            .call('sms.send', {
              profileId: viaSandbox ? 'local-sandbox' : target.id,
              channel: 'CHANNEL_LOGIN',
              phoneNumber: SLOW_NUMBER,
              phoneCountryCode: '+86',
              overrideValidation: true,
              // The send cut off two rounds ago may have gone out, so the channel cools: resending after a
              // crash is the user's deliberate choice.
              overrideCooldown: round > 2,
              note: `crash round ${round}`,
            })
            .then(
              (answer) => `answered HTTP ${answer.status}`,
              () => 'no answer',
            )
          figures.sends++
          await waitFor(`round ${round}'s request to reach the emulator`, async () => (await countRequests()) > before)
          const inFlight = (await countRequests()) - before
          figures.doubleSent += Math.max(0, inFlight - 1)
          await host.kill()
          if ((await reply) !== 'no answer')
            problems.push(`round ${round}: the send was ${await reply} before the kill`)

          host = await HostProcess.start(dataDir)
          const integrity = integrityOf(join(dataDir, 'history.db'))
          const page = await host.value<HistoryPage>('history.query', { limit: 500 })
          const ids = new Set(page.entries.map((entry) => entry.id))
          const newest = page.entries[0]
          const cooldown = await host.value<CooldownReport>('cooldown.forPhone', {
            profileId: target.id,
            phoneNumber: SLOW_NUMBER,
            phoneCountryCode: '+86',
          })
          // The worst moment counts, once: an entry lost in round 3 is not lost again in round 4.
          figures.lost = Math.max(figures.lost, figures.sends - ids.size)
          figures.duplicated = Math.max(figures.duplicated, page.total - figures.sends, page.entries.length - ids.size)
          if (integrity === 'ok') figures.kills++
          else problems.push(`round ${round}: integrity_check says ${integrity}`)
          if (page.total !== figures.sends)
            problems.push(`round ${round}: ${page.total} entries for ${figures.sends} sends`)
          if (newest?.note !== `crash round ${round}` || newest.outcome !== 'unknown') {
            problems.push(
              `round ${round}: newest entry is ${JSON.stringify({ note: newest?.note, outcome: newest?.outcome })}`,
            )
          }
          const unfinished = page.entries.filter((entry) => entry.outcome !== 'unknown')
          if (unfinished.length > 0) problems.push(`round ${round}: ${unfinished.length} entries are not unknown`)
          if (cooldown.channels.some((channel) => channel.state === 'sending')) {
            problems.push(`round ${round}: a dead send still shows as sending`)
          }
          const login = cooldown.channels.find((channel) => channel.channel === 'CHANNEL_LOGIN')
          if (!viaSandbox && !(login?.state === 'cooling' && login.reason === 'maybe-sent')) {
            problems.push(
              `round ${round}: a send cut off mid-flight leaves its channel ${login?.state}, not maybe sent`,
            )
          }
        }

        // The database still takes new sends, and nothing was sent again behind the user's back.
        const fresh = await host.value<SendOutcome>('sms.send', {
          profileId: 'local-sandbox',
          channel: 'CHANNEL_REGISTER',
          phoneNumber: '10000000200',
        })
        expect(fresh.result.kind).toBe('success')
        await host.stop()
        const standaloneRequests = emulator
          .received()
          .filter((request) => request.headers['x-authing-app-id'] === CRASH_APP).length
        figures.doubleSent += Math.max(0, standaloneRequests - Math.ceil(ROUNDS / 2))

        const history = openHistory(join(dataDir, 'history.db'), { clock: Date.now })
        try {
          expect(history.counts({})).toEqual({ counts: { unknown: ROUNDS, success: 1 }, total: ROUNDS + 1 })
        } finally {
          history.close()
        }
        expect(integrityOf(join(dataDir, 'history.db'))).toBe('ok')
      } finally {
        await host.kill()
        tally.add({
          faultsInjected: figures.sends,
          killsSurvived: figures.kills,
          entriesLost: figures.lost,
          entriesDuplicated: figures.duplicated,
          requestsDoubleSent: figures.doubleSent,
        })
        console.log(
          `crashes: ${figures.kills} of ${ROUNDS} SIGKILLs survived, ${figures.lost} entries lost, ${figures.duplicated} duplicated`,
        )
      }
      expect(problems).toEqual([])
      expect(figures).toEqual({ kills: ROUNDS, sends: ROUNDS, lost: 0, duplicated: 0, doubleSent: 0 })
    },
  )
})
