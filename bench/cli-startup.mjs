// Start-up time of the built command line (out/main/cli.js) for the read-only commands, beside a bare
// `node -e 0` started the same way. Not a test: it prints what it measured and the machine it ran on.
// Usage: npm run build && npm run bench:cli [-- runs]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const runs = Number(process.argv[2] ?? 21)
const cli = join(import.meta.dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('out/main/cli.js is missing: run "npm run build" first')
  process.exit(1)
}

const dataDir = mkdtempSync(join(tmpdir(), 'cli-startup-'))
const env = { ...process.env, GENAUTH_SMS_DATA_DIR: dataDir }
const cases = [
  ['node -e 0', ['-e', '0']],
  ['channels', [cli, 'channels']],
  ['explain 2004', [cli, 'explain', '2004']],
  ['cooldown', [cli, 'cooldown', '--phone', '13800138000', '--country', '+86', '--app-id', 'bench-app']],
  ['history --limit 20', [cli, 'history', '--limit', '20']],
]

// On Linux, the CPU time of finished children (cutime + cstime in /proc/self/stat, 10 ms ticks): less
// sensitive than wall time to other work on a shared machine.
const hasProcStat = existsSync('/proc/self/stat')
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return (Number(fields[13]) + Number(fields[14])) * 10
}

function timeOnce(args) {
  const cpuBefore = hasProcStat ? childrenCpuMs() : 0
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  const wall = performance.now() - start
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return { wall, cpu: hasProcStat ? childrenCpuMs() - cpuBefore : NaN }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

try {
  // A first round in the fresh data folder, printed apart: each command compiles the modules it loads
  // and saves them in the data folder's code cache (src-main/cli/code-cache.ts), and the first history
  // command creates the database file. The interleaved rounds then run as every later command does.
  const firstRun = new Map(cases.map(([name, args]) => [name, timeOnce(args)]))
  const samples = new Map(cases.map(([name]) => [name, []]))
  // Interleaved rounds, so a burst of load elsewhere on the machine hits every command alike.
  for (let round = 0; round < runs; round += 1) {
    for (const [name, args] of cases) samples.get(name).push(timeOnce(args))
  }

  const baseline = samples.get('node -e 0')
  const wallBase = median(baseline.map((sample) => sample.wall))
  const cpuBase = median(baseline.map((sample) => sample.cpu))
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`
  console.log(`${machine}, Node ${process.versions.node}, ${process.platform}, ${new Date().toISOString()}`)
  console.log(`${runs} runs each, interleaved; medians for the whole process, wall time and CPU time\n`)
  console.log('command                 wall  x node -e 0       cpu  x node -e 0')
  for (const [name] of cases) {
    const wall = median(samples.get(name).map((sample) => sample.wall))
    const cpu = median(samples.get(name).map((sample) => sample.cpu))
    const columns = [
      `${wall.toFixed(0).padStart(5)} ms`,
      (wall / wallBase).toFixed(2).padStart(11),
      `${cpu.toFixed(0).padStart(6)} ms`,
      (cpu / cpuBase).toFixed(2).padStart(11),
    ]
    console.log(`${name.padEnd(20)} ${columns.join('  ')}`)
  }
  console.log('\nfirst run in the fresh data folder (no code cache yet), one run each, wall time')
  for (const [name, { wall }] of firstRun) console.log(`${name.padEnd(20)} ${wall.toFixed(0).padStart(5)} ms`)
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
