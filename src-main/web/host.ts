import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Dispatch } from '../dispatch/dispatcher'
import type { Envelope, ErrorCode, ErrorKey } from '../shared/contract/errors'
import type { EventBus } from '../events'
import { CONSOLE_TOKEN_HEADER, FIRST_ANSWERS_PATH } from '../shared/browser-mode'
import { FIRST_CALLS } from '../shared/first-calls'
import { checkAccess, newRunToken } from './access'
import { requestTargetOf } from './request-path'
import { StaticFiles } from './static-files'

const MAX_BODY_BYTES = 2 * 1024 * 1024

export type WebHostOptions = {
  dispatch: Dispatch
  events: EventBus
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
}

export type WebHost = { url: string; port: number; token: string; close(): Promise<void> }

/**
 * Browser mode: serves the built renderer and the contract's calls on 127.0.0.1 only.
 * POST /rpc/<call> carries the input as JSON and the per-run token in a header; GET /events streams
 * change notifications (EventSource cannot send headers, so its token rides in the query).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newRunToken()
  const staticFiles = await StaticFiles.list(options.staticDir)
  let port = 0
  const streams = new Set<ServerResponse>()
  const unsubscribe = options.events.subscribe((event) => {
    for (const stream of streams) stream.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`)
  })

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error')
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Every decision below is made on this one decoded, normalised path, never on the raw URL.
    const target = requestTargetOf(request.url)
    if (!target) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request path')
    const { path, query } = target
    // `/rpc/` normalises to `/rpc`: still a call, with an empty name. The first answers are calls too.
    const isRpc = path === '/rpc' || path.startsWith('/rpc/') || path === FIRST_ANSWERS_PATH
    if (isRpc || path === '/events' || StaticFiles.isPage(path)) {
      const given = isRpc ? headerValue(request, CONSOLE_TOKEN_HEADER) : query.get('token')
      const access = checkAccess(request, port, token, given)
      if (!access.allowed) {
        if (isRpc) {
          return sendJson(response, access.status, refusal('forbidden-sender', access.key, access.reason))
        }
        return send(response, access.status, 'text/plain; charset=utf-8', access.reason)
      }
    }

    if (isRpc) {
      if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Use POST')
      const body = await readBody(request)
      if (body === null) {
        return sendJson(response, 413, refusal('invalid-input', 'requestTooLarge', 'The request is too large.'))
      }
      let input: unknown
      try {
        input = body.length === 0 ? {} : JSON.parse(body)
      } catch {
        return sendJson(
          response,
          400,
          refusal('invalid-input', 'requestNotJson', 'The request body is not valid JSON.'),
        )
      }
      if (path === FIRST_ANSWERS_PATH) return sendJson(response, 200, await firstAnswers(input))
      const name = path.slice('/rpc/'.length)
      return sendJson(response, 200, await options.dispatch(name, input))
    }

    if (path === '/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      response.write(': connected\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Use GET')
    const file = await staticFiles.read(path)
    if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Not found')
    response.writeHead(200, {
      'content-type': file.contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    })
    response.end(file.body)
  }

  /** Each first call dispatched as if asked on its own (its schema checks the input); its envelope by name. */
  async function firstAnswers(input: unknown): Promise<Record<string, Envelope<unknown>>> {
    const answers: Record<string, Envelope<unknown>> = {}
    for (const name of FIRST_CALLS) answers[name] = await options.dispatch(name, input)
    return answers
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe()
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function headerValue(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name]
  return typeof value === 'string' ? value : null
}

/**
 * The body as text, or null when it is over the limit. An oversized body is still read to its end
 * (and dropped), so the client gets the 413 answer instead of a reset connection.
 */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' })
  response.end(body)
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

/** A refusal of the host's own, before any call is dispatched, in the shape every call answers with. */
function refusal(code: ErrorCode, key: ErrorKey, message: string): Envelope<never> {
  return { ok: false, error: { code, key, params: {}, message } }
}
