import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseHostArgs } from '../../../src-main/web/host-args'

const root = path.resolve(__dirname, '../../..')

function parse(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const args = parseHostArgs(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  })
  return { args, stdout, stderr }
}

describe("the browser-mode host's flags", () => {
  it.each([
    [[], 0],
    [['--port', '0'], 0],
    [['--port', '8080'], 8080],
    [['--port=65535'], 65535],
  ])('%j listens on port %i', (argv, port) => {
    expect(parse(argv)).toEqual({ args: { port }, stdout: '', stderr: '' })
  })

  it.each([
    [['--port', '0x1F90'], /argument '0x1F90' is invalid\. expected a whole number from 0 to 65535/],
    [['--port', '8080.0'], /argument '8080\.0' is invalid/],
    [['--port', '1e3'], /argument '1e3' is invalid/],
    [['--port', '-1'], /argument '-1' is invalid/],
    [['--port', '65536'], /argument '65536' is invalid/],
    [['--port', ''], /argument '' is invalid/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--port', '1', '--port', '2'], /--port is given more than once/],
    [['extra'], /too many arguments/],
  ])('%j exits 64 with the reason and the usage', (argv, reason) => {
    const { args, stdout, stderr } = parse(argv)
    expect(args).toEqual({ exitCode: 64 })
    expect(stdout).toBe('')
    expect(stderr).toMatch(reason)
    expect(stderr).toMatch(/^host\.js: /)
    expect(stderr).toMatch(/\n\nUsage: host\.js \[options\]\n/)
  })

  it('--help prints the usage on stdout and exits 0', () => {
    const { args, stdout } = parse(['--help'])
    expect(args).toEqual({ exitCode: 0 })
    expect(stdout).toMatch(/^Usage: host\.js \[options\]/)
  })

  it('the entry itself exits 64 before opening anything', async () => {
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // Should the flag be taken, the host would start: on a throwaway folder, and stopped after a while.
      const dataDir = mkdtempSync(path.join(tmpdir(), 'host-args-'))
      const child = spawn(tsx, ['src-main/web/start-host.ts', '--port', '0x1F90'], {
        cwd: root,
        env: { ...process.env, GENAUTH_SMS_DATA_DIR: dataDir },
        timeout: 20_000,
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
    expect(run.code).toBe(64)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^host\.js: option '--port <n>' argument '0x1F90' is invalid/)
  })
})
