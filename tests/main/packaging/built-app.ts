import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const projectDir = fileURLToPath(new URL('../../..', import.meta.url))
export const BUILD_ENTRIES = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html']
const runFile = promisify(execFile)

/** Runs a Node script in the project folder; a failure carries the tail of its output. */
export async function runNode(args: string[], what: string): Promise<void> {
  try {
    await runFile(process.execPath, args, { cwd: projectDir, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`${what} failed:\n${`${stdout}\n${stderr}`.trim().slice(-4000)}`)
  }
}

/** The electron-vite output is used as it is; it is built first only when it is missing. */
export async function ensureBuilt(): Promise<void> {
  if (BUILD_ENTRIES.every((entry) => existsSync(join(projectDir, entry)))) return
  await runNode(
    [join(projectDir, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    `out/ is incomplete (needs ${BUILD_ENTRIES.join(', ')}), and "npx electron-vite build"`,
  )
}
