import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { HistoryEntry } from '../../../src-main/shared/contract'
import { runCli } from '../../../src-main/cli/run-cli'
import { openApp, type OpenApp } from '../open-app'

const root = path.resolve(__dirname, '../../..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** The child's environment: this one's, minus anything that would change what the CLI does. */
function childEnv(dataDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' }
  delete base.GENAUTH_ACCESS_TOKEN
  return { ...base, GENAUTH_SMS_DATA_DIR: dataDir, ...env }
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams
  stdout(): string
  finished: Promise<CliRun>
}

/** Starts the CLI from its sources (`tsx src-main/cli/start.ts <args>`), so these tests need no build. */
export function startCli(args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(tsx, ['src-main/cli/start.ts', ...args], { cwd: root, env: childEnv(dataDir, env) })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const finished = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return { child, stdout: () => stdout, finished }
}

export function cliProcess(args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return startCli(args, dataDir, env).finished
}

/** The real CLI with its stdout going to `file` (like `> /dev/full`), for what happens when writing fails. */
export function cliProcessWritingTo(file: string, args: string[], dataDir: string): Promise<CliRun> {
  const stdout = openSync(file, 'w')
  try {
    const child = spawn(tsx, ['src-main/cli/start.ts', ...args], {
      cwd: root,
      env: childEnv(dataDir, {}),
      stdio: ['ignore', stdout, 'pipe'],
    })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: '', stderr })))
  } finally {
    closeSync(stdout)
  }
}

/** The same CLI in this process: for the many small refusals, where a process start would only cost time. */
export async function cliInProcess(
  args: string[],
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  signal?: AbortSignal,
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { LANG: 'en_US.UTF-8', GENAUTH_SMS_DATA_DIR: dataDir, ...env },
    signal,
  })
  return { code, stdout, stderr }
}

export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'genauth-cli-'))
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true })
}

/** Opens the folder the way the desktop app does, to look at what the CLI left in it. */
export async function withAppServices<T>(dataDir: string, look: (services: OpenApp) => Promise<T> | T): Promise<T> {
  const services = await openApp({ dataDir, mode: 'browser', osLanguage: 'en-US' })
  try {
    return await look(services)
  } finally {
    await services.close()
  }
}

/** Every entry the app's history query returns, newest first, phone numbers revealed. */
export function allEntries(services: OpenApp): HistoryEntry[] {
  return services.history.query({ filter: {}, limit: 500 }).entries.map((entry) => services.history.get(entry.id, true))
}
