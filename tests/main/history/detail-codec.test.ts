import { describe, expect, it } from 'vitest'
import { decodeDetailText, encodeDetail, parseDetail, type EntryDetail } from '../../../src-main/history/detail-codec'

const HINTS = { appId: '6391f2a0c7e5b1d4e8a9f0c1', phoneNumber: '13812345678' }

function typical(requestId: string): EntryDetail {
  const body = JSON.stringify({ channel: 'CHANNEL_LOGIN', phoneNumber: HINTS.phoneNumber, phoneCountryCode: '+86' })
  const answer = JSON.stringify({ statusCode: 200, message: '操作成功', requestId })
  return {
    message: '操作成功',
    requestId,
    request: {
      method: 'POST',
      url: 'https://tenant.authing.cn/api/v3/send-sms',
      headers: {
        host: 'tenant.authing.cn',
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': String(body.length),
        'x-authing-app-id': HINTS.appId,
        'x-authing-lang': 'zh-CN',
        'x-authing-request-from': 'genauth-sms-console',
        'x-authing-sdk-version': 'genauth-sms-console:0.1.0',
      },
      body,
    },
    response: {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(answer)),
        date: 'Tue, 06 May 2025 10:21:33 GMT',
        connection: 'keep-alive',
        'x-request-id': requestId,
      },
      body: answer,
    },
  }
}

const roundTrip = (detail: EntryDetail): EntryDetail =>
  parseDetail(decodeDetailText(encodeDetail(detail, HINTS), HINTS))

describe('detail codec', () => {
  it('gives back exactly what it stored', () => {
    const detail = typical('934108e5-9fbf-4d24-8da1-c330328abd6c')
    expect(roundTrip(detail)).toEqual(detail)
    const odd: EntryDetail = {
      message: 'line\nbreak "quoted" \u0000 😀 中文',
      requestId: null,
      request: null,
      response: { status: 502, headers: {}, body: '<html>' + 'x'.repeat(200_000) + '</html>' },
    }
    expect(roundTrip(odd)).toEqual(odd)
  })

  it('stores a typical exchange of ~1 kB in well under 200 bytes', () => {
    const detail = typical('934108e5-9fbf-4d24-8da1-c330328abd6c')
    expect(JSON.stringify(detail).length).toBeGreaterThan(850)
    expect(encodeDetail(detail, HINTS).length).toBeLessThan(160)
  })

  it('refuses a format it does not know', () => {
    const stored = encodeDetail(typical('r'), HINTS)
    stored[0] = 9
    expect(() => decodeDetailText(stored, HINTS)).toThrow(/unknown format 9/)
  })
})
