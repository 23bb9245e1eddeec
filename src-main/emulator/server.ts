import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Language } from '../contract/channels'
import { COOLDOWN_MS } from '../contract/cooldown'
import { ANSWERS, answerBody, type AnswerName } from './responses'
import { scenarioFor, type ScenarioBehaviour } from './scenarios'
import { SendThrottle } from './throttle'
import { checkBody, isPlausiblePhone } from './validate'

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
}

/** A request as the emulator received it (header names lower-case). */
export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string
  receivedAt: number
  /** Which header the app id was read from (the first of APP_ID_HEADERS present), or null when none. */
  appIdHeader: string | null
}

export interface RunningEmulator {
  url: string
  port: number
  close(): Promise<void>
  received(): RecordedRequest[]
  /** Forgets the received requests and every cooldown. */
  reset(): void
}

export const SEND_SMS_PATH = '/api/v3/send-sms'
export const REQUESTS_PATH = '/__emulator/requests'
const MAX_BODY_BYTES = 64 * 1024

/** Header names official clients use to name the app (Node/Java/Go/Python, the GenAuth fork, mini-program). */
const APP_ID_HEADERS = ['x-authing-app-id', 'x-genauth-app-id', 'x-authing-userpool-id']

/** A local stand-in for GenAuth's `POST /api/v3/send-sms`; see README.md beside this file. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const clock = options.clock ?? Date.now
  const knownApps = new Set(options.appIds)
  const throttle = new SendThrottle(clock, options.cooldownMs ?? COOLDOWN_MS)
  const received: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      const body = Buffer.concat(chunks).toString('utf8')
      if (path === REQUESTS_PATH) return serveRequestLog(req.method, res)
      received.push({
        method: req.method ?? '',
        path,
        headers: flattenHeaders(req.headers),
        body,
        receivedAt: clock(),
        appIdHeader: appIdHeaderOf(req) ?? null,
      })
      if (req.method !== 'POST' || !path.endsWith(SEND_SMS_PATH)) return answer(res, 'routeNotFound', languageOf(req))
      if (size > MAX_BODY_BYTES) return answer(res, 'bodyTooLarge', languageOf(req))
      handleSendSms(req, res, body)
    })
  })

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
          if (!res.destroyed) answer(res, behaviour.answer, lang)
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

  function serveRequestLog(method: string | undefined, res: http.ServerResponse): void {
    if (method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(received))
    } else if (method === 'DELETE') {
      reset()
      res.writeHead(204).end()
    } else {
      res.writeHead(405, { allow: 'GET, DELETE' }).end()
    }
  }

  function reset(): void {
    received.length = 0
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

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    received: () => received.map((request) => ({ ...request, headers: { ...request.headers } })),
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
