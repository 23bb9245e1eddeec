import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Language } from '../shared/contract/channels'
import { COOLDOWN_MS } from '../shared/contract/cooldown'
import { checkAccess, newRunToken } from '../web/access'
import { RequestLog, type RecordedRequest, type RequestLogLimits, type RequestLogView } from './request-log'
import { ANSWERS, answerBody, type AnswerName } from './responses'
import { scenarioFor, type ScenarioBehaviour } from './scenarios'
import { SendThrottle } from './throttle'
import { checkBody, isPlausiblePhone } from './validate'

export type { RecordedRequest, RequestLogLimits, RequestLogView } from './request-log'

export interface EmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number
  /** Defaults to 127.0.0.1: the emulator is for this computer only. */
  host?: string
  /** The App IDs the emulator knows; any other gets apiCode 2011. */
  appIds: string[]
  /** Epoch ms, for the cooldown. */
  clock?: () => number
  /** Defaults to the documented 60 s; 0 turns the cooldown off. */
  cooldownMs?: number
  /** The token its control routes (`/__emulator/*`) require; a fresh random one when absent. */
  token?: string
  /** Bounds of the request log (default DEFAULT_LOG_LIMITS). */
  logLimits?: RequestLogLimits
  /** Told of every error inside a handler; the request gets HTTP 500 and the emulator keeps serving. */
  onError?: (error: unknown) => void
  /**
   * Sees each request as it arrived, credentials included, before the log redacts it: for the process
   * that embeds the emulator (a test proving which token went on the wire). Never reachable over HTTP.
   */
  onRequest?: (request: RecordedRequest) => void
}

export interface RunningEmulator {
  url: string
  port: number
  /** What `/__emulator/*` requires in the TOKEN_HEADER header. */
  token: string
  close(): Promise<void>
  /** The requests kept in the log, oldest first, credentials redacted. */
  received(): RecordedRequest[]
  /** The log as `GET /__emulator/requests` answers it. */
  requestLog(): RequestLogView
  /** Forgets the received requests and every cooldown. */
  reset(): void
}

export const SEND_SMS_PATH = '/api/v3/send-sms'
export const CONTROL_PREFIX = '/__emulator/'
export const REQUESTS_PATH = `${CONTROL_PREFIX}requests`
export const TOKEN_HEADER = 'x-emulator-token'
const MAX_BODY_BYTES = 64 * 1024

/** Header names official clients use to name the app (Node/Java/Go/Python, the GenAuth fork, mini-program). */
const APP_ID_HEADERS = ['x-authing-app-id', 'x-genauth-app-id', 'x-authing-userpool-id']

/** A local stand-in for GenAuth's `POST /api/v3/send-sms`; see README.md beside this file. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const clock = options.clock ?? Date.now
  const knownApps = new Set(options.appIds)
  const throttle = new SendThrottle(clock, options.cooldownMs ?? COOLDOWN_MS)
  const log = new RequestLog(options.logLimits)
  const token = options.token ?? newRunToken()
  const onError = options.onError ?? ((error: unknown) => console.error('emulator: a handler failed:', error))
  const timers = new Set<NodeJS.Timeout>()
  let port = 0

  const server = http.createServer((req, res) => {
    // A caller that hangs up mid-request is not the emulator's error; an unheard 'error' event would throw.
    req.on('error', () => {})
    res.on('error', () => {})
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        route(req, res, Buffer.concat(chunks).toString('utf8'), size)
      } catch (error) {
        failed(res, error)
      }
    })
  })

  function route(req: http.IncomingMessage, res: http.ServerResponse, body: string, size: number): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith(CONTROL_PREFIX)) return serveControl(req, res, path)
    const request = {
      method: req.method ?? '',
      path,
      headers: flattenHeaders(req.headers),
      body,
      receivedAt: clock(),
      appIdHeader: appIdHeaderOf(req) ?? null,
    }
    options.onRequest?.(request)
    log.record(request)
    if (req.method !== 'POST' || !path.endsWith(SEND_SMS_PATH)) return answer(res, 'routeNotFound', languageOf(req))
    if (size > MAX_BODY_BYTES) return answer(res, 'bodyTooLarge', languageOf(req))
    handleSendSms(req, res, body)
  }

  function failed(res: http.ServerResponse, error: unknown): void {
    try {
      onError(error)
    } catch {
      // A logger that fails (a full disk) must not turn one failed request into a crash.
    }
    if (res.headersSent) res.destroy()
    else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Emulator error')
  }

  function handleSendSms(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): void {
    const lang = languageOf(req)
    let json: unknown
    try {
      json = JSON.parse(rawBody)
    } catch {
      return answer(res, 'bodyNotJson', lang)
    }
    const appIdHeader = appIdHeaderOf(req)
    const appId = appIdHeader && header(req, appIdHeader)
    if (appId === undefined || !knownApps.has(appId)) return answer(res, 'unknownApp', lang)

    const check = checkBody(json)
    if (!check.ok) return answer(res, check.answer, lang)

    const scenario = scenarioFor(check.body.phoneNumber)
    if (scenario) return perform(res, scenario.behaviour, lang)

    if (!isPlausiblePhone(check.body)) return answer(res, 'phoneMalformed', lang)
    if (!throttle.tryAcquire(appId, check.body)) return answer(res, 'throttled', lang)
    answer(res, 'success', lang)
  }

  function perform(res: http.ServerResponse, behaviour: ScenarioBehaviour, lang: Language): void {
    switch (behaviour.kind) {
      case 'answer':
        return answer(res, behaviour.answer, lang)
      case 'delayed': {
        const timer = setTimeout(() => {
          timers.delete(timer)
          try {
            if (!res.destroyed) answer(res, behaviour.answer, lang)
          } catch (error) {
            failed(res, error)
          }
        }, behaviour.delayMs)
        timers.add(timer)
        return
      }
      case 'hold':
        return
      case 'drop':
        res.socket?.destroy()
        return
      case 'raw': {
        const headers: Record<string, string> = { 'content-type': behaviour.contentType }
        if (behaviour.requestIdHeader) headers['x-request-id'] = randomUUID()
        res.writeHead(behaviour.httpStatus, headers).end(behaviour.body)
        return
      }
    }
  }

  /** `/__emulator/*`: the per-run token and the same Host and Origin checks as browser mode. */
  function serveControl(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    const given = req.headers[TOKEN_HEADER]
    const access = checkAccess(req, port, token, typeof given === 'string' ? given : null)
    if (!access.allowed) {
      res.writeHead(access.status, { 'content-type': 'text/plain; charset=utf-8' }).end(access.reason)
    } else if (path !== REQUESTS_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    } else if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(log.view()))
    } else if (req.method === 'DELETE') {
      reset()
      res.writeHead(204).end()
    } else {
      res.writeHead(405, { allow: 'GET, DELETE' }).end()
    }
  }

  function reset(): void {
    log.clear()
    throttle.clear()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  port = address.port

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    token,
    received: () => log.view().requests,
    requestLog: () => log.view(),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.close((error) => (error ? reject(error) : resolve()))
        // Held requests (the timeout scenario) and idle keep-alive sockets would keep close() waiting.
        server.closeAllConnections()
      }),
  }
}

function answer(res: http.ServerResponse, name: AnswerName, lang: Language): void {
  const definition = ANSWERS[name]
  res
    .writeHead(definition.httpStatus, { 'content-type': 'application/json; charset=utf-8' })
    .end(answerBody(definition, lang, randomUUID()))
}

/** `x-authing-lang` as the Python and C# SDKs send it; zh-CN unless English is asked for. */
function languageOf(req: http.IncomingMessage): Language {
  const value = header(req, 'x-authing-lang') ?? header(req, 'x-genauth-lang') ?? ''
  return value.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN'
}

function appIdHeaderOf(req: http.IncomingMessage): string | undefined {
  return APP_ID_HEADERS.find((name) => header(req, name))
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}
