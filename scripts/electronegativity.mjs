// Runs Electronegativity over the Electron code and the renderer page, and fails on any finding.
// Findings that are acceptable are silenced where they are raised, with an `eng-disable` comment that
// says why. (Its CLI breaks against the newer commander this project depends on, so it runs through
// its programmatic entry point.)
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity')
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version

const inputs = ['.']
let findings = 0
for (const input of inputs) {
  const result = await run({ input, electronVersionOverride: electronVersion, isRelative: true })
  for (const issue of result.issues) {
    findings++
    console.log(
      `${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${input}/${issue.file}:${issue.location.line} ${issue.description}`,
    )
  }
  console.log(`${input}: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} finding(s)`)
}
if (findings > 0) {
  console.log(`Electronegativity: ${findings} unexplained finding(s).`)
  process.exit(1)
}
console.log('Electronegativity: no findings.')
