import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SendResult } from '../../../src-main/shared/contract'
import { UPLOAD_QUEUE_FILE, UploadQueue } from '../../../src-main/team/upload-queue'

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5)
const RESULT: SendResult = {
  kind: 'success',
  httpStatus: 200,
  statusCode: 200,
  apiCode: null,
  message: null,
  requestId: 'req-1',
  errorCode: null,
  errorMessage: null,
  latencyMs: 12,
  request: { method: 'POST', url: 'http://127.0.0.1:1/api/v3/send-sms', headers: {}, body: '{}' },
  response: null,
}

let dataDir: string
let setAside: string[]
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'upload-queue-'))
  setAside = []
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const queue = () =>
  new UploadQueue(
    dataDir,
    () => NOW,
    (text) => setAside.push(text.message),
  )

describe('the answers waiting for the team database', () => {
  it('are kept across processes until each one is removed, per database', () => {
    queue().add({ connection: 'postgres://a', teamId: 1, localId: 7, result: RESULT })
    queue().add({ connection: 'postgres://b', teamId: 1, localId: 8, result: RESULT })
    queue().remove({ connection: 'postgres://a', teamId: 1 })
    expect(queue().list()).toEqual([{ connection: 'postgres://b', teamId: 1, localId: 8, result: RESULT }])
  })

  it('keep a file that cannot be read aside and say so, instead of dropping it', () => {
    writeFileSync(join(dataDir, UPLOAD_QUEUE_FILE), '{"uploads": [{"teamId": "one"}]}')
    expect(queue().list()).toEqual([])
    expect(setAside).toEqual([expect.stringContaining('team import')])
    expect(readdirSync(dataDir)).toContain(`${UPLOAD_QUEUE_FILE}.corrupt-2026-01-02T03-04-05-000Z`)
  })
})
