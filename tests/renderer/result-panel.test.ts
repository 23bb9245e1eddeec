import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { ResultKind, SendResult } from '@shared/contract'
import ResultPanel from '../../src-renderer/src/components/ResultPanel.vue'
import { baseHandlers, FakeMain, sendResult } from './support/fake-main'
import { mountWithMain } from './support/mount'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

let main: FakeMain

async function show(result: SendResult, recordFailure: string | null = null) {
  main = new FakeMain(baseHandlers())
  wrapper = await mountWithMain(ResultPanel, main, { outcome: { entryId: 12, result, recordFailure } })
  return document.querySelector<HTMLElement>('[data-testid="result"]')!
}

const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim()

const noAnswer = { httpStatus: null, statusCode: null, apiCode: null, message: null, requestId: null, response: null }

const cases: Array<[ResultKind, Partial<SendResult>, string, string]> = [
  ['success', {}, 'Success', 'success'],
  [
    'business-failure',
    { statusCode: 400, apiCode: 2004, message: 'user not found', requestId: 'req-b' },
    'GenAuth answered and refused the send.',
    'warning',
  ],
  [
    'http-failure',
    { ...noAnswer, httpStatus: 502, requestId: 'req-gw' },
    'The server answered with an HTTP error.',
    'error',
  ],
  [
    'timeout',
    { ...noAnswer, errorCode: 'TIMEOUT', errorMessage: 'No answer in 10000 ms' },
    'No answer before',
    'error',
  ],
  [
    'network-failure',
    { ...noAnswer, errorCode: 'ECONNREFUSED', errorMessage: 'connect ECONNREFUSED 127.0.0.1:9' },
    'The request did not reach the server.',
    'error',
  ],
  ['unparseable-body', { ...noAnswer, httpStatus: 200 }, 'The answer could not be read.', 'error'],
]

describe('the result panel', () => {
  it.each(cases)('shows a %s at a glance with its colour', async (kind, overrides, headline, colour) => {
    const panel = await show(sendResult({ kind, ...overrides }))
    expect(panel.dataset.kind).toBe(kind)
    expect(panel.querySelector(`[data-outcome="${kind}"]`)).not.toBeNull()
    expect(panel.dataset.tone).toBe(colour)
    expect(panel.textContent).toContain(headline)
  })

  it('explains a known statusCode and apiCode from the catalog, with the next step', async () => {
    await show(sendResult({ kind: 'business-failure', statusCode: 400, apiCode: 2004, message: '用户不存在' }))
    expect(text('status-code')).toContain('InvalidArgumentError')
    expect(text('status-code')).toContain('A request parameter is missing or badly formatted.')
    expect(text('status-code')).toContain('Fix the phone number and send again.')
    expect(text('api-code')).toContain('USER_NOT_FOUND')
    expect(text('api-code')).toContain('Check the number or register the user first.')
    expect(text('message')).toBe('用户不存在')
  })

  it('gives an HTTP failure and a timeout their next step, and none to a network failure', async () => {
    await show(sendResult({ kind: 'http-failure', ...noAnswer, httpStatus: 502 }))
    expect(text('failure-advice')).toContain('A gateway answered, not GenAuth.')
    expect(text('failure-advice')).toContain('Next step: Check the application host.')

    wrapper?.unmount()
    await show(sendResult({ kind: 'timeout', ...noAnswer, errorCode: 'TIMEOUT' }))
    expect(text('failure-advice')).toContain('Check the phone before sending again.')

    wrapper?.unmount()
    await show(sendResult({ kind: 'network-failure', ...noAnswer, errorCode: 'ECONNREFUSED' }))
    expect(document.querySelector('[data-testid="failure-advice"]')).toBeNull()
  })

  it('shows an unknown code raw, with a link to GenAuth’s error code page', async () => {
    await show(sendResult({ kind: 'business-failure', statusCode: 400, apiCode: 98765 }))
    const apiCode = document.querySelector('[data-testid="api-code"]')!
    expect(apiCode.textContent).toContain('98765')
    expect(apiCode.textContent).toContain('not in the console’s catalog')
    expect(apiCode.querySelector('a')?.getAttribute('href')).toBe('https://docs.genauth.ai/reference/error-code.html')
  })

  it('shows the request ID with a copy button, the latency and the transport detail', async () => {
    await show(sendResult({ requestId: 'req-77', latencyMs: 1234 }))
    expect(text('request-id')).toBe('req-77')
    expect(document.querySelector('[aria-label="Copy the request ID"]')).not.toBeNull()
    expect(text('latency')).toBe('1,234 ms')

    wrapper?.unmount()
    await show(sendResult({ kind: 'network-failure', ...noAnswer, errorCode: 'ECONNREFUSED', errorMessage: 'refused' }))
    expect(document.body.textContent).toContain('ECONNREFUSED')
    expect(text('status-code')).toBe('—')
  })

  it('shows the real answer, and says in one line when it could not be recorded', async () => {
    await show(sendResult())
    expect(text('record-failure')).toBeUndefined()
    wrapper?.unmount()

    const panel = await show(sendResult({ requestId: 'req-full' }), 'SQLITE_FULL: database or disk is full')
    expect(panel.dataset.kind).toBe('success')
    expect(text('request-id')).toBe('req-full')
    expect(text('record-failure')).toBe(
      'This answer could not be recorded in the history (SQLITE_FULL: database or disk is full). It is the real answer, and the channel still cools down.',
    )
  })

  it('opens the raw exchange as sent (redacted by main) and as received', async () => {
    await show(sendResult())
    expect(document.querySelector('[data-testid="raw-request"]')).toBeNull()
    const toggle = [...document.querySelectorAll('button')].find((button) =>
      button.textContent?.includes('Show the raw exchange'),
    )!
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    toggle.click()
    await flushPromises()
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    const request = text('raw-request')!
    expect(request).toContain('POST http://127.0.0.1:40000/api/v3/send-sms')
    expect(request).toContain('x-authing-app-id: local-sandbox-app')
    expect(request).toContain('"phoneNumber": "13800138000"')
    expect(text('raw-response')).toContain('HTTP 200')
    expect(text('raw-response')).toContain('"requestId": "req-0f3a9c"')
  })

  it('copies the exchange as cURL, asking main for the entry’s reproduction', async () => {
    await show(sendResult())
    main.on('request.reproduce', ({ entryId }) => ({
      curl: `curl entry ${entryId}`,
      node: 'node',
      java: 'java',
      python: 'python',
      go: 'go',
    }))
    const toggle = [...document.querySelectorAll('button')].find((button) =>
      button.textContent?.includes('Show the raw exchange'),
    )!
    toggle.click()
    await flushPromises()
    const copyCurl = document.querySelector<HTMLButtonElement>('[data-testid="copy-curl"]')!
    expect(copyCurl.textContent).toContain('Copy as cURL')
    expect(document.querySelector('[data-testid="copy-code"]')?.textContent).toContain('Copy as code')
    copyCurl.click()
    await flushPromises()
    expect(main.inputsOf('request.reproduce')).toEqual([{ entryId: 12 }])
    expect(await navigator.clipboard.readText()).toBe('curl entry 12')
  })
})
