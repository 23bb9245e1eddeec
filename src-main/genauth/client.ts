import type { RedactedRequest, SendResult } from '../shared/contract/send'
import { buildSendSmsRequest, type SendSmsMeta, type SendSmsRequest, type WireRequest } from './send-request'
import { classifyResponse } from './send-result'

export type { SendSmsMeta, SendSmsRequest } from './send-request'

/** A request checked and built, not yet sent: what will go on the wire, and the one way to send it. */
export type PreparedSend = {
  request: RedactedRequest
  send(): Promise<SendResult>
}

/**
 * Checks and builds a send without sending it, so a caller can record it first. Only an invalid host,
 * an unsendable header value or a bad timeout throws, and always here, before anything leaves the machine.
 */
export function prepareSendSms(request: SendSmsRequest, meta: SendSmsMeta): PreparedSend {
  if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${request.timeoutMs}`)
  }
  const wire = buildSendSmsRequest(request, meta)
  return { request: wire.redacted, send: () => exchangeOnce(wire, request.timeoutMs) }
}

/**
 * Sends one verification SMS through `POST {appHost}/api/v3/send-sms`, exactly once.
 * Every transport or protocol failure comes back as a result kind.
 */
export async function sendSms(request: SendSmsRequest, meta: SendSmsMeta): Promise<SendResult> {
  return prepareSendSms(request, meta).send()
}

async function exchangeOnce(wire: WireRequest, timeoutMs: number): Promise<SendResult> {
  // Node's http and https (and TLS) load with the first send: a read-only command never needs them.
  const { postOnce } = await import('./http-exchange')
  const started = performance.now()
  const exchange = await postOnce(wire.url, wire.headers, wire.body, timeoutMs)
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
      errorMessage: `No complete answer within ${timeoutMs} ms.`,
    }
  }
  return { ...base, kind: 'network-failure', errorCode: exchange.code, errorMessage: exchange.message }
}
