// Sums the real runners' reports into the one closing line CI reads: `tests: N passed, N failed, N skipped`.
import { existsSync, readFileSync } from 'node:fs'

const [vitestFile, playwrightFile] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
let missing = 0

if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
  printVitestFailures(report.testResults)
} else missing++

if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'))
  passed += report.stats.expected + report.stats.flaky
  failed += report.stats.unexpected
  skipped += report.stats.skipped
  printSkipReasons(report.suites)
  printPlaywrightFailures(report.suites)
} else missing++

if (missing > 0) console.log(`(${missing} test report(s) missing: that runner did not finish)`)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing > 0 ? 1 : 0)

/** Every skipped end-to-end test says why, once per reason. */
function printSkipReasons(suites) {
  const reasons = new Map()
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'skipped') continue
        const reason =
          test.annotations.find((annotation) => annotation.type === 'skip')?.description ??
          'did not run: an earlier test of its serial group failed'
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
    }
    for (const child of suite.suites ?? []) visit(child)
  }
  for (const suite of suites) visit(suite)
  for (const [reason, count] of reasons) console.log(`skipped ${count} end-to-end test(s): ${reason}`)
}

/** The failed unit tests by name, so the last lines of a CI log say what to look at. */
function printVitestFailures(files) {
  for (const file of files) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue
      const firstLine = (test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 200)
      console.log(`failed unit test: ${relative(file.name)} > ${test.fullName}: ${firstLine}`)
    }
  }
}

/** The failed end-to-end tests by title, for the same reason. */
function printPlaywrightFailures(suites) {
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'unexpected') continue
        const error = test.results.at(-1)?.error?.message ?? ''
        console.log(`failed end-to-end test: ${spec.file} > ${spec.title}: ${error.split('\n')[0].slice(0, 200)}`)
      }
    }
    for (const child of suite.suites ?? []) visit(child)
  }
  for (const suite of suites) visit(suite)
}

function relative(path) {
  return path.startsWith(process.cwd()) ? path.slice(process.cwd().length + 1) : path
}
