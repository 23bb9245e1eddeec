// Runs Electronegativity over the Electron code and the renderer page, and fails on any finding.
// Findings that are acceptable are silenced where they are raised, with an `eng-disable` comment that
// says why. (Its CLI breaks against the newer commander this project depends on, so it runs through
// its programmatic entry point.)
import { createRequire } from 'node:module'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity')
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version

// The sources, not the build output: the comments that explain a finding live in the sources, and the
// global checks (CSP, navigation, permissions) need main and the page in one scan.
const input = mkdtempSync(join(tmpdir(), 'electronegativity-'))
cpSync('src-main', join(input, 'src-main'), { recursive: true })
cpSync('src-renderer/index.html', join(input, 'src-renderer/index.html'))
const result = await run({ input, electronVersionOverride: electronVersion, isRelative: true })
rmSync(input, { recursive: true, force: true })

for (const issue of result.issues) {
  console.log(
    `${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${issue.file}:${issue.location.line} ${issue.description}`,
  )
}
console.log(
  `Electronegativity ${result.globalChecks + result.atomicChecks} checks: ${result.issues.length} unexplained finding(s).`,
)
process.exit(result.issues.length > 0 ? 1 : 0)
