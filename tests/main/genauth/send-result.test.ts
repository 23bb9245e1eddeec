import { describe, expect, it } from 'vitest'
import { classifyResponse } from '../../../src-main/genauth/send-result'

const json = { 'content-type': 'application/json' }

describe('classifyResponse', () => {
  it('treats statusCode 200 under HTTP 2xx as success, whatever else is there', () => {
    const result = classifyResponse({ status: 201, headers: json, body: '{"statusCode":200,"message":"ok","data":{}}' })
    expect(result).toMatchObject({ kind: 'success', httpStatus: 201, statusCode: 200, message: 'ok', requestId: null })
  })

  it('treats another statusCode under HTTP 200 as a business failure', () => {
    const result = classifyResponse({
      status: 200,
      headers: json,
      body: '{"statusCode":403,"apiCode":2333,"message":"Account not exists or password is incorrect.","requestId":"r-1"}',
    })
    expect(result).toMatchObject({ kind: 'business-failure', statusCode: 403, apiCode: 2333, requestId: 'r-1' })
  })

  it('reads a V2-style apiCode given as a digit string', () => {
    expect(classifyResponse({ status: 200, headers: json, body: '{"statusCode":499,"apiCode":"2011"}' }).apiCode).toBe(
      2011,
    )
  })

  it('takes the requestId from a response header when the body has none', () => {
    const result = classifyResponse({
      status: 200,
      headers: { ...json, 'x-request-id': 'hdr-1' },
      body: '{"statusCode":429,"message":"slow down"}',
    })
    expect(result.requestId).toBe('hdr-1')
  })

  it('prefers the body requestId to the header', () => {
    const result = classifyResponse({
      status: 200,
      headers: { 'x-request-id': 'hdr-1' },
      body: '{"statusCode":200,"message":"ok","requestId":"body-1"}',
    })
    expect(result.requestId).toBe('body-1')
  })

  it.each([
    ['not JSON', 'OK'],
    ['a JSON array', '[{"statusCode":200}]'],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('calls %s under HTTP 200 unparseable', (_label, body) => {
    const result = classifyResponse({ status: 200, headers: {}, body })
    expect(result).toMatchObject({
      kind: 'unparseable-body',
      statusCode: null,
      errorMessage: 'The answer is not a JSON object.',
    })
  })

  it.each([
    ['a missing statusCode', '{"message":"ok"}'],
    ['a string statusCode', '{"statusCode":"200","message":"ok"}'],
    ['a fractional statusCode', '{"statusCode":200.5}'],
  ])('calls JSON with %s unparseable', (_label, body) => {
    const result = classifyResponse({ status: 200, headers: {}, body })
    expect(result.kind).toBe('unparseable-body')
    expect(result.errorMessage).toBe('The JSON answer has no numeric statusCode.')
  })

  it('reports a non-2xx status as an HTTP failure, with the JSON fields when present', () => {
    const result = classifyResponse({
      status: 429,
      headers: json,
      body: '{"statusCode":429,"message":"您的请求已超过最大数量限制，请稍后重试"}',
    })
    expect(result).toMatchObject({
      kind: 'http-failure',
      httpStatus: 429,
      statusCode: 429,
      message: '您的请求已超过最大数量限制，请稍后重试',
      errorMessage: 'HTTP 429 Too Many Requests',
    })
  })

  it('reports a redirect as an HTTP failure rather than following it', () => {
    const result = classifyResponse({ status: 301, headers: { location: 'https://elsewhere' }, body: '' })
    expect(result).toMatchObject({ kind: 'http-failure', httpStatus: 301, statusCode: null })
    expect(result.response?.headers.location).toBe('https://elsewhere')
  })
})
