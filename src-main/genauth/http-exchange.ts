import http from 'node:http'
import https from 'node:https'
import type { RecordedResponse } from '../shared/contract/send'

export type Exchange =
  | { kind: 'response'; response: RecordedResponse }
  | { kind: 'timeout'; response: RecordedResponse | null }
  | { kind: 'error'; code: string; message: string; response: RecordedResponse | null }

/** An answer bigger than this is not a send-sms answer; reading stops there. */
export const MAX_RESPONSE_BYTES = 1024 * 1024

/**
 * A fresh connection for every send. A pooled idle socket can be closed by the server while this
 * process is busy (an export, a long query), and a send written to it fails without reaching the
 * server; since a send is never retried, that would be a false network failure. Sends are paced by
 * people, so the saved handshake is not worth that risk.
 */
const httpAgent = new http.Agent({ keepAlive: false })
const httpsAgent = new https.Agent({ keepAlive: false })

/** One POST, no redirects followed, no retry; the timeout covers connecting, sending and reading. */
export function postOnce(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Exchange> {
  return new Promise((resolve) => {
    let settled = false
    let partial: RecordedResponse | null = null
    const chunks: Buffer[] = []
    let size = 0

    const settle = (exchange: Exchange): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(exchange)
    }
    const partialResponse = (): RecordedResponse | null =>
      partial && { ...partial, body: Buffer.concat(chunks).toString('utf8') }
    const fail = (error: unknown): void => {
      const { code, message } = describeError(error)
      settle({ kind: 'error', code, message, response: partialResponse() })
    }

    const timer = setTimeout(() => {
      settle({ kind: 'timeout', response: partialResponse() })
      request.destroy()
    }, timeoutMs)

    const isHttps = url.protocol === 'https:'
    const request = (isHttps ? https : http).request(
      url,
      { method: 'POST', headers, agent: isHttps ? httpsAgent : httpAgent },
      (res) => {
        partial = { status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: '' }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_RESPONSE_BYTES) {
            fail(
              Object.assign(new Error(`The answer is larger than ${MAX_RESPONSE_BYTES} bytes.`), {
                code: 'ERR_RESPONSE_TOO_LARGE',
              }),
            )
            request.destroy()
            return
          }
          chunks.push(chunk)
        })
        res.on('end', () => {
          const response = partialResponse()
          if (response) settle({ kind: 'response', response })
        })
        res.on('error', fail)
        res.on('close', () => {
          if (!res.complete) fail(Object.assign(new Error('The connection closed mid-answer.'), { code: 'ECONNRESET' }))
        })
      },
    )
    request.on('error', fail)

    request.end(body)
  })
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

/** The most specific system or TLS error code available, e.g. ECONNREFUSED or CERT_HAS_EXPIRED. */
function describeError(error: unknown): { code: string; message: string } {
  const err = error as { code?: unknown; message?: unknown; cause?: { code?: unknown }; errors?: unknown }
  const nested = Array.isArray(err.errors) ? (err.errors as Array<{ code?: unknown; message?: unknown }>) : []
  const code = [err.code, err.cause?.code, ...nested.map((e) => e.code)].find((c) => typeof c === 'string')
  const messages = [err.message, ...nested.map((e) => e.message)].filter(
    (m): m is string => typeof m === 'string' && m !== '',
  )
  return { code: (code as string | undefined) ?? 'UNKNOWN', message: messages.join('; ') || String(error) }
}
