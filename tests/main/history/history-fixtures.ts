import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SendResult } from '../../../src-main/shared/contract'
import {
  openHistory,
  type HistoryStore,
  type NewHistoryEntry,
  type OpenHistoryOptions,
} from '../../../src-main/history'

export const T0 = Date.UTC(2025, 4, 6, 10, 0, 0)

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public now: number = T0) {}
  readonly read = (): number => this.now
  advance(ms: number): number {
    this.now += ms
    return this.now
  }
}

/** A fresh folder per test, removed afterwards, with stores opened in it closed first. */
export class TempHistory {
  readonly dir = mkdtempSync(join(tmpdir(), 'history-'))
  readonly file = join(this.dir, 'history.db')
  readonly clock = new TestClock()
  private readonly stores: HistoryStore[] = []

  open(options: Pick<OpenHistoryOptions, 'processId' | 'onChange'> = {}): HistoryStore {
    const store = openHistory(this.file, { clock: this.clock.read, ...options })
    this.stores.push(store)
    return store
  }

  dispose(): void {
    for (const store of this.stores) store.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export function newEntry(overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return {
    profileId: 'profile-a',
    profileName: 'Staging A',
    environment: 'staging',
    appId: 'app-1',
    channel: 'CHANNEL_LOGIN',
    phoneCountryCode: '+86',
    phoneNumber: '13812345678',
    operator: 'alice',
    note: null,
    cooldownOverride: false,
    validationOverride: false,
    ...overrides,
  }
}

export function requestFor(
  entry: Pick<NewHistoryEntry, 'channel' | 'phoneNumber' | 'phoneCountryCode'>,
): SendResult['request'] {
  const payload: Record<string, string> = { channel: entry.channel, phoneNumber: entry.phoneNumber }
  if (entry.phoneCountryCode) payload.phoneCountryCode = entry.phoneCountryCode
  return {
    method: 'POST',
    url: 'https://example.authing.cn/api/v3/send-sms',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': 'app-1', authorization: '[redacted]' },
    body: JSON.stringify(payload),
  }
}

type ResultShape = Partial<SendResult> & Pick<SendResult, 'kind'>

export function sendResult(entry: NewHistoryEntry, shape: ResultShape): SendResult {
  const statusCode = shape.statusCode ?? (shape.kind === 'success' ? 200 : null)
  const requestId = shape.requestId === undefined ? 'req-' + Math.random().toString(16).slice(2) : shape.requestId
  const message = shape.message === undefined ? (shape.kind === 'success' ? '操作成功' : null) : shape.message
  const body =
    statusCode === null ? '' : JSON.stringify({ statusCode, apiCode: shape.apiCode ?? undefined, message, requestId })
  return {
    httpStatus: statusCode === null ? null : 200,
    statusCode,
    apiCode: null,
    message,
    requestId,
    errorCode: null,
    errorMessage: null,
    latencyMs: 42,
    request: requestFor(entry),
    response: statusCode === null ? null : { status: 200, headers: { 'content-type': 'application/json' }, body },
    ...shape,
  }
}

/** Begins and completes one send, the clock at `at`; returns the entry id. */
export function record(
  store: HistoryStore,
  clock: TestClock,
  at: number,
  entry: NewHistoryEntry,
  shape: ResultShape = { kind: 'success' },
): number {
  clock.now = at
  const id = store.begin(entry)
  store.complete(id, sendResult(entry, shape))
  return id
}
