import { performance } from 'node:perf_hooks'
import type { SendResult } from '../contract/send'
import { postOnce } from './http-exchange'
import { buildSendSmsRequest, type SendSmsMeta, type SendSmsRequest } from './send-request'
import { classifyResponse } from './send-result'

export type { SendSmsMeta, SendSmsRequest } from './send-request'

/**
 * Sends one verification SMS through `POST {appHost}/api/v3/send-sms`, exactly once.
 * Every transport or protocol failure comes back as a result kind; only an invalid host or an
 * unsendable header value throws (ConsoleError), before anything leaves the machine.
 */
export async function sendSms(request: SendSmsRequest, meta: SendSmsMeta): Promise<SendResult> {
  if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${request.timeoutMs}`)
  }
  const wire = buildSendSmsRequest(request, meta)
  const started = performance.now()
  const exchange = await postOnce(wire.url, wire.headers, wire.body, request.timeoutMs)
  const latencyMs = performance.now() - started

  if (exchange.kind === 'response') {
    return { ...classifyResponse(exchange.response), latencyMs, request: wire.redacted }
  }
  const response = exchange.response
  const base = {
    httpStatus: response?.status ?? null,
    statusCode: null,
    apiCode: null,
    message: null,
    requestId: null,
    latencyMs,
    request: wire.redacted,
    response,
  }
  if (exchange.kind === 'timeout') {
    return {
      ...base,
      kind: 'timeout',
      errorCode: 'TIMEOUT',
      errorMessage: `No complete answer within ${request.timeoutMs} ms.`,
    }
  }
  return { ...base, kind: 'network-failure', errorCode: exchange.code, errorMessage: exchange.message }
}
