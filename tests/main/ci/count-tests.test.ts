import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const script = join(__dirname, '..', '..', '..', 'scripts', 'count-tests.mjs')
let dir: string | undefined

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** Runs CI's closing count over the reports, written as the runners (and our run-errors reporter) write them. */
function count(vitest: object, playwright: object, runErrors?: object[]) {
  dir ??= mkdtempSync(join(tmpdir(), 'count-tests-'))
  writeFileSync(join(dir, 'vitest.json'), JSON.stringify(vitest))
  writeFileSync(join(dir, 'playwright.json'), JSON.stringify(playwright))
  if (runErrors) writeFileSync(join(dir, 'vitest-run-errors.json'), JSON.stringify(runErrors))
  const reports = ['vitest.json', 'playwright.json', 'vitest-run-errors.json'].map((name) => join(dir!, name))
  const run = spawnSync(process.execPath, [script, ...reports], { encoding: 'utf8' })
  return { status: run.status, lines: run.stdout.trim().split('\n') }
}

/**
 * Runs Vitest on a fixture folder as CI runs it (the JSON reporter and ours), expecting it to fail, and
 * returns its JSON report; our reporter's file is left in `dir` for `count` to read.
 */
function vitestRunOn(fixture: string): object {
  dir = mkdtempSync(join(tmpdir(), 'count-tests-'))
  const repository = join(__dirname, '..', '..', '..')
  const vitest = spawnSync(
    process.execPath,
    [
      join(require.resolve('vitest/package.json'), '..', 'vitest.mjs'),
      'run',
      '--root',
      join(__dirname, 'fixtures', fixture),
      '--reporter=json',
      `--outputFile.json=${join(dir, 'vitest.json')}`,
      `--reporter=${join(repository, 'scripts', 'vitest-run-errors.mjs')}`,
    ],
    {
      cwd: repository,
      encoding: 'utf8',
      env: { ...process.env, VITEST_RUN_ERRORS_FILE: join(dir, 'vitest-run-errors.json') },
    },
  )
  expect(vitest.status).toBe(1)
  return JSON.parse(readFileSync(join(dir, 'vitest.json'), 'utf8')) as object
}

const vitestReport = (failed: number) => ({
  numPassedTests: 2,
  numFailedTests: failed,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [
    {
      name: join(process.cwd(), 'tests/main/history/shared-file.test.ts'),
      assertionResults: [
        { status: 'passed', fullName: 'opens the file', failureMessages: [] },
        { status: 'passed', fullName: 'closes the file', failureMessages: [] },
        ...(failed
          ? [{ status: 'failed', fullName: 'shares one file', failureMessages: ['Error: timed out\n    at x'] }]
          : []),
      ],
    },
  ],
})

const playwrightReport = (failed: number) => ({
  stats: { expected: 1 - failed, flaky: 0, unexpected: failed, skipped: 1 },
  suites: [
    {
      specs: [],
      suites: [
        {
          specs: [
            {
              file: 'browser/console.spec.ts',
              title: 'sends once',
              tests: [
                {
                  status: failed ? 'unexpected' : 'expected',
                  annotations: [],
                  results: [{ error: { message: 'expect(received)\nmore' } }],
                },
              ],
            },
            {
              file: 'electron/app.spec.ts',
              title: 'launches',
              tests: [
                { status: 'skipped', annotations: [{ type: 'skip', description: 'no Electron binary' }], results: [] },
              ],
            },
          ],
        },
      ],
    },
  ],
})

describe("CI's closing count", () => {
  it('names every failed test above the count, and fails', () => {
    const { status, lines } = count(vitestReport(1), playwrightReport(1))
    expect(lines).toContain(
      'failed unit test: tests/main/history/shared-file.test.ts > shares one file: Error: timed out',
    )
    expect(lines).toContain('failed end-to-end test: browser/console.spec.ts > sends once: expect(received)')
    expect(lines.at(-1)).toBe('tests: 2 passed, 2 failed, 1 skipped')
    expect(status).toBe(1)
  })

  it('fails, and says why, when a spec file could not be loaded and its tests never ran', () => {
    const unloadable = {
      ...playwrightReport(0),
      errors: [{ message: 'ReferenceError: exports is not defined in ES module scope\n   at lazy-module.ts:3' }],
    }
    const { status, lines } = count(vitestReport(0), unloadable)
    expect(lines).toContain('end-to-end run error: ReferenceError: exports is not defined in ES module scope')
    expect(status).toBe(1)
  })

  it("prints a failure's first line without terminal colours, and says when there is no message", () => {
    const report = playwrightReport(1)
    const [consoleSpec, electronSpec] = report.suites[0]!.suites[0]!.specs
    consoleSpec!.tests[0]!.results = [
      { error: { message: '\u001b[2mexpect(\u001b[22m\u001b[31mreceived\u001b[39m)\nmore' } },
    ]
    electronSpec!.tests[0] = { status: 'unexpected', annotations: [], results: [] }
    const { lines } = count(vitestReport(0), report)
    expect(lines).toContain('failed end-to-end test: browser/console.spec.ts > sends once: expect(received)')
    expect(lines).toContain('failed end-to-end test: electron/app.spec.ts > launches: (no error message)')
  })

  it('names nothing when all pass, and still says why a test was skipped', () => {
    const { status, lines } = count(vitestReport(0), playwrightReport(0))
    expect(lines.filter((line) => line.startsWith('failed'))).toEqual([])
    expect(lines).toContain('skipped 1 end-to-end test(s): no Electron binary')
    expect(lines.at(-1)).toBe('tests: 3 passed, 0 failed, 1 skipped')
    expect(status).toBe(0)
  })

  it('counts a failed setup hook as a failure, though Vitest reports its tests as skipped', () => {
    // What a red CI once printed: `tests: 1085 passed, 0 failed, 6 skipped` over a failed unit test run.
    const hookFailed = { ...vitestReport(0), numPendingTests: 1, success: false }
    const { status, lines } = count(hookFailed, playwrightReport(0), [
      { where: 'tests/main/cli/send.test.ts > a suite', message: 'Error: Hook timed out in 10000ms.\n  at x' },
    ])
    expect(lines).toContain(
      'failed outside a unit test: tests/main/cli/send.test.ts > a suite: Error: Hook timed out in 10000ms.',
    )
    expect(lines.at(-1)).toBe('tests: 3 passed, 1 failed, 2 skipped')
    expect(status).toBe(1)
  })

  it('still fails when Vitest reports a failed run that no report explains', () => {
    const { status, lines } = count({ ...vitestReport(0), success: false }, playwrightReport(0))
    expect(lines).toContain('failed unit test run: Vitest reports a failure outside any test; see its output above')
    expect(lines.at(-1)).toBe('tests: 3 passed, 1 failed, 1 skipped')
    expect(status).toBe(1)
  })

  it('is told of a failed setup hook by the reporter CI runs Vitest with', () => {
    const { status, lines } = count(vitestRunOn('hook-failure'), playwrightReport(0))
    expect(lines).toContain(
      'failed outside a unit test: tests/main/ci/fixtures/hook-failure/setup-fails.spec.mjs > a suite whose setup fails: the keychain did not answer',
    )
    expect(lines.at(-1)).toBe('tests: 2 passed, 1 failed, 2 skipped')
    expect(status).toBe(1)
  }, 60_000)

  it('is told of a test file that did not load and of an error thrown after its test ended', () => {
    const { status, lines } = count(vitestRunOn('load-and-late-failures'), playwrightReport(0))
    expect(lines).toContain(
      'failed outside a unit test: tests/main/ci/fixtures/load-and-late-failures/unloadable.spec.mjs: the fixture cannot load',
    )
    expect(lines).toContain('failed outside a unit test: outside any test: thrown after the test ended')
    expect(lines.at(-1)).toBe('tests: 3 passed, 2 failed, 1 skipped')
    expect(status).toBe(1)
  }, 60_000)
})
