// Prints the robustness suite's figures (artifacts/robustness.json, written by tests/main/robustness) as a
// short table. Exits 1 when the file is missing or a figure that must stay at zero is not zero.
// Usage: node scripts/robustness-table.mjs [--calls] [path/to/robustness.json]
import { existsSync, readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const showCalls = args.includes('--calls')
const file = args.find((arg) => !arg.startsWith('--')) ?? 'artifacts/robustness.json'

const LABELS = {
  inputsTried: 'inputs tried',
  inputsRejected: 'inputs rejected',
  faultsInjected: 'faults injected',
  killsSurvived: 'kills survived',
  requestsDoubleSent: 'requests double-sent',
  entriesLost: 'entries lost',
  entriesDuplicated: 'entries duplicated',
  entriesLeftSending: 'entries left sending',
  writesLost: 'profile writes lost',
  secretHits: 'secret hits',
  outcomesHidden: 'answers not shown',
}

if (!existsSync(file)) {
  console.log(`robustness: no figures (${file} is missing: the robustness suite did not run)`)
  process.exit(1)
}
const summary = JSON.parse(readFileSync(file, 'utf8'))
const mustBeZero = new Set(summary.mustBeZero ?? [])
const number = (value) => Number(value ?? 0).toLocaleString('en-US')
const width = Math.max(...Object.values(summary.totals).map((value) => number(value).length))

console.log(`robustness figures (${summary.generatedAt})`)
for (const [name, label] of Object.entries(LABELS)) {
  const value = summary.totals[name] ?? 0
  const flag = mustBeZero.has(name) ? (value === 0 ? '  (must be 0)' : '  MUST BE 0') : ''
  console.log(`  ${label.padEnd(22)}${number(value).padStart(width)}${flag}`)
}
for (const section of summary.sections) {
  for (const [label, text] of Object.entries(section.measured ?? {})) console.log(`  ${label}: ${text}`)
}
for (const section of summary.sections) {
  if (section.skipped) console.log(`  note: ${section.section}: ${section.skipped}`)
}
if (showCalls) {
  console.log(`  ${'per call'.padEnd(22)}${'tried'.padStart(8)}${'rejected'.padStart(10)}`)
  for (const [name, counts] of Object.entries(summary.perCall)) {
    console.log(`  ${name.padEnd(22)}${number(counts.tried).padStart(8)}${number(counts.rejected).padStart(10)}`)
  }
}

const broken = [...mustBeZero].filter((name) => (summary.totals[name] ?? 0) !== 0)
if (broken.length > 0) {
  console.log(`robustness: ${broken.map((name) => LABELS[name] ?? name).join(', ')} not zero`)
  process.exit(1)
}
