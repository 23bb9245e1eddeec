import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { REPO_ROOT } from './paths'

/** The browser-mode host as `npx electron-vite build` leaves it. */
export const BUILT_HOST = join(REPO_ROOT, 'out', 'main', 'host.js')

export function assertHostBuilt(): void {
  if (!existsSync(BUILT_HOST)) {
    throw new Error(
      `${BUILT_HOST} is missing: run \`npx electron-vite build\` first; the robustness suite starts the built browser-mode host.`,
    )
  }
}

export type Reply = { status: number; contentType: string; text: string }

/** A reply whose body is JSON, parsed; null when it is not JSON. */
export function jsonOf(reply: Reply): unknown {
  try {
    return JSON.parse(reply.text) as unknown
  } catch {
    return null
  }
}

/**
 * The built browser-mode host (out/main/host.js) in a child process on a given data folder, as
 * `npm start` runs it where Electron is missing. Everything it prints is kept, for the secrets scan.
 */
export class HostProcess {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128 })

  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly origin: string,
    readonly token: string,
    private readonly printed: { text: string },
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  }

  static async start(dataDir: string): Promise<HostProcess> {
    assertHostBuilt()
    const child = spawn(process.execPath, [BUILT_HOST, '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, GENAUTH_SMS_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const printed = { text: '' }
    child.stdout!.on('data', (chunk: Buffer) => (printed.text += chunk.toString('utf8')))
    child.stderr!.on('data', (chunk: Buffer) => (printed.text += chunk.toString('utf8')))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host did not start within 20 s:\n${printed.text}`)), 20_000)
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /Open: (\S+)/.exec(line)
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`the host exited (${code ?? signal}) before it was ready:\n${printed.text}`))
      })
    })
    const parsed = new URL(url)
    return new HostProcess(child, dataDir, parsed.origin, parsed.searchParams.get('token') ?? '', printed)
  }

  /** Everything the process printed on stdout and stderr so far. */
  get output(): string {
    return this.printed.text
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** POST /rpc/<name> with the input as JSON and the token, as the renderer's browser transport does. */
  async call(name: string, input: unknown): Promise<Reply> {
    return this.post(`/rpc/${encodeURIComponent(name)}`, JSON.stringify(input ?? {}))
  }

  /** A contract call that must succeed; its value. */
  async value<T>(name: string, input: unknown = {}): Promise<T> {
    const reply = await this.call(name, input)
    const envelope = jsonOf(reply) as { ok?: boolean; value?: T; error?: unknown } | null
    if (!envelope?.ok) throw new Error(`${name} failed: HTTP ${reply.status} ${reply.text.slice(0, 500)}`)
    return envelope.value as T
  }

  /** `fresh`: on a connection of its own, for requests the host may answer by closing the connection. */
  post(
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    method = 'POST',
    fresh = false,
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${this.origin}${path}`,
        {
          method,
          agent: fresh ? false : this.agent,
          headers: { 'content-type': 'application/json', 'x-console-token': this.token, ...headers },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: String(response.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          )
          response.on('error', reject)
        },
      )
      request.on('error', reject)
      request.end(body)
    })
  }

  /** Opens the change stream and keeps everything it delivers in `events.text`. */
  openEvents(): { text: string; close(): void } {
    const events = { text: '', close: () => request.destroy() }
    const request = http.get(`${this.origin}/events?token=${encodeURIComponent(this.token)}`, (response) => {
      response.on('data', (chunk: Buffer) => (events.text += chunk.toString('utf8')))
      response.on('error', () => {})
    })
    request.on('error', () => {})
    return events
  }

  async kill(): Promise<void> {
    this.agent.destroy()
    if (this.alive) this.child.kill('SIGKILL')
    await this.exited
  }

  async stop(): Promise<void> {
    this.agent.destroy()
    if (this.alive) this.child.kill('SIGTERM')
    await this.exited
  }
}
