// A Vitest reporter for the failures no test owns: a beforeAll or afterAll that threw (its suite's tests
// are then reported as skipped, not failed), a test file that could not be loaded, an error thrown after
// its test had ended. Vitest's JSON report counts none of them, so CI's closing count reads them from here.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'

export default class RunErrorsReporter {
  constructor() {
    this.file = process.env.VITEST_RUN_ERRORS_FILE ?? 'artifacts/vitest-run-errors.json'
  }

  onTestRunEnd(testModules, unhandledErrors) {
    const errors = []
    for (const testModule of testModules) {
      const file = relative(process.cwd(), testModule.moduleId)
      for (const error of testModule.errors()) errors.push({ where: file, message: error.message })
      for (const suite of testModule.children.allSuites()) {
        for (const error of suite.errors())
          errors.push({ where: `${file} > ${suite.fullName}`, message: error.message })
      }
    }
    for (const error of unhandledErrors) errors.push({ where: 'outside any test', message: error.message })
    mkdirSync(dirname(this.file), { recursive: true })
    writeFileSync(this.file, JSON.stringify(errors))
  }
}
