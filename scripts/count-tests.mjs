// Sums the real runners' reports into the one closing line CI reads: `tests: N passed, N failed, N skipped`.
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { stripVTControlCharacters } from 'node:util'

const [vitestFile, playwrightFile, vitestRunErrorsFile] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
let missing = 0
let runErrors = 0

if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
  printVitestFailures(report.testResults)
  // A failed hook or an unloadable file fails the run without failing a test (a hook's tests read as skipped):
  // each counts as one failure, so the closing line never says 0 failed for a red run.
  const outsideTests =
    vitestRunErrorsFile && existsSync(vitestRunErrorsFile) ? JSON.parse(readFileSync(vitestRunErrorsFile, 'utf8')) : []
  for (const error of outsideTests)
    console.log(`failed outside a unit test: ${error.where}: ${firstLine(error.message)}`)
  failed += outsideTests.length
  if (report.success === false && report.numFailedTests === 0 && outsideTests.length === 0) {
    console.log('failed unit test run: Vitest reports a failure outside any test; see its output above')
    failed++
  }
} else missing++

if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'))
  passed += report.stats.expected + report.stats.flaky
  failed += report.stats.unexpected
  skipped += report.stats.skipped
  printSkipReasons(report.suites)
  printPlaywrightFailures(report.suites)
  // Errors outside any test (a spec file that cannot be loaded): its tests never ran, so no count shows them.
  for (const error of report.errors ?? []) console.log(`end-to-end run error: ${firstLine(error.message)}`)
  runErrors += report.errors?.length ?? 0
} else missing++

if (missing > 0) console.log(`(${missing} test report(s) missing: that runner did not finish)`)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing > 0 || runErrors > 0 ? 1 : 0)

/** Calls `visit` with every end-to-end test in Playwright's nested suites, and its spec. */
function forEachTest(suites, visit) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) for (const test of spec.tests) visit(test, spec)
    forEachTest(suite.suites ?? [], visit)
  }
}

/** Every skipped end-to-end test says why, once per reason. */
function printSkipReasons(suites) {
  const reasons = new Map()
  forEachTest(suites, (test) => {
    if (test.status !== 'skipped') return
    const reason =
      test.annotations.find((annotation) => annotation.type === 'skip')?.description ??
      'did not run: an earlier test of its serial group failed'
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  })
  for (const [reason, count] of reasons) console.log(`skipped ${count} end-to-end test(s): ${reason}`)
}

/** The failed unit tests by name, so the last lines of a CI log say what to look at. */
function printVitestFailures(files) {
  for (const file of files) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue
      console.log(
        `failed unit test: ${relative(process.cwd(), file.name)} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
      )
    }
  }
}

/** The failed end-to-end tests by title, for the same reason. */
function printPlaywrightFailures(suites) {
  forEachTest(suites, (test, spec) => {
    if (test.status !== 'unexpected') return
    console.log(
      `failed end-to-end test: ${spec.file} > ${spec.title}: ${firstLine(test.results.at(-1)?.error?.message)}`,
    )
  })
}

/** A failure's first line, short enough for a log's closing lines, without the runners' terminal colours. */
function firstLine(message = '') {
  return stripVTControlCharacters(message).split('\n')[0].slice(0, 200) || '(no error message)'
}
