import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_APP_ID } from '../../../src-main/emulator/sandbox'
import { control, post } from './post'

const root = path.resolve(__dirname, '../../..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const children: ChildProcessWithoutNullStreams[] = []

interface Started {
  child: ChildProcessWithoutNullStreams
  url: string
  token: string
  stdout: () => string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Runs the CLI the way `npm run emulator` does (tsx), and waits for its JSON line. */
function startCli(args: string[]): Promise<Started> {
  const child = spawn(tsx, ['src-main/emulator/cli.ts', ...args], { cwd: root })
  children.push(child)
  let stdout = ''
  let stderr = ''
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n') && line) {
        const { url, token } = JSON.parse(line) as { url: string; token: string }
        resolve({ child, url, token, stdout: () => stdout, exit })
      }
    })
    void exit.then(({ code }) => reject(new Error(`cli exited with ${code}: ${stderr}`)))
  })
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

const login = { channel: 'CHANNEL_LOGIN', phoneNumber: '13800138000' }

describe('npm run emulator', () => {
  it('prints one JSON line, answers for each --app-id, and exits 0 on SIGTERM', async () => {
    const cli = await startCli(['--port', '0', '--app-id', 'cli-app', '--app-id', 'cli-app-2'])
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    expect((await post(cli.url, login, { 'x-authing-app-id': 'cli-app' })).json?.statusCode).toBe(200)
    expect((await post(cli.url, login, { 'x-authing-app-id': 'cli-app-2' })).json?.statusCode).toBe(200)
    expect((await post(cli.url, login, { 'x-authing-app-id': SANDBOX_APP_ID })).json?.apiCode).toBe(2011)

    cli.child.kill('SIGTERM')
    expect(await cli.exit).toEqual({ code: 0, signal: null })
    expect(cli.stdout()).toBe(`${JSON.stringify({ url: cli.url, token: cli.token })}\n`)
    await expect(fetch(cli.url)).rejects.toThrow()
  })

  it('prints the token its control routes need, and keeps a bounded log', { timeout: 60_000 }, async () => {
    const cli = await startCli(['--cooldown-ms', '0'])
    expect(cli.token).toMatch(/^[\w-]{32}$/)
    expect((await control(cli.url)).status).toBe(401)

    const flood = 80
    const body = JSON.stringify({ channel: 'CHANNEL_LOGIN', padding: 'x'.repeat(64 * 1024 - 40) })
    for (let i = 0; i < flood; i++) await post(cli.url, body, { 'x-authing-app-id': SANDBOX_APP_ID })
    const answer = await control(cli.url, { token: cli.token })
    expect(answer.status).toBe(200)
    const log = JSON.parse(answer.text) as { requests: unknown[]; dropped: number }
    // 80 requests of 64 KiB are 5 MiB; the log keeps at most 4 MiB.
    expect(Buffer.byteLength(answer.text)).toBeLessThan(flood * 64 * 1024)
    expect(log.dropped).toBeGreaterThan(0)
    expect(log.requests.length + log.dropped).toBe(flood)

    cli.child.kill('SIGTERM')
    expect((await cli.exit).code).toBe(0)
  })

  it('knows the sandbox app by default and exits 0 on SIGINT', async () => {
    const cli = await startCli([])
    expect((await post(cli.url, login, { 'x-authing-app-id': SANDBOX_APP_ID })).json?.statusCode).toBe(200)

    cli.child.kill('SIGINT')
    expect((await cli.exit).code).toBe(0)
  })

  it('applies --cooldown-ms', async () => {
    const cli = await startCli(['--cooldown-ms', '0'])
    const headers = { 'x-authing-app-id': SANDBOX_APP_ID }
    expect((await post(cli.url, login, headers)).json?.statusCode).toBe(200)
    expect((await post(cli.url, login, headers)).json?.statusCode).toBe(200)
    cli.child.kill('SIGTERM')
    expect((await cli.exit).code).toBe(0)
  })

  it('refuses a bad port with exit code 1 and nothing on stdout', async () => {
    const child = spawn(tsx, ['src-main/emulator/cli.ts', '--port', 'seventy'], { cwd: root })
    children.push(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/--port/)
  })
})
