// Where the first screen's main-thread time goes: one cold load of the send form in Chromium against
// browser mode, with the V8 sampling profiler on from navigation until the form is usable (as
// bench/first-screen.mjs defines it) and a trace of the renderer's main thread over the same span.
// Prints self time by script, the heaviest functions, and the main thread's top-level task kinds
// (script compile and evaluation, style, layout, paint). Not a test.
// Usage: npm run build && npm run bench:first-screen-profile [-- loads]   (default 3 cold loads, summed)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHost } from '../e2e/fixtures/host.ts'
import playwrightModule from '../playwright.config.ts'
import { coldPage, usableFormAt } from './cold-load.mjs'

const playwrightConfig = playwrightModule.default ?? playwrightModule
const loads = Number(process.argv[2] ?? 3)
const renderer = join(import.meta.dirname, '..', 'out', 'renderer')
const TIMEOUT_MS = 30_000
const artifacts = join(import.meta.dirname, '..', 'artifacts')
const saved = join(artifacts, 'first-screen.cpuprofile')
const TOP = 25

if (!Number.isInteger(loads) || loads < 1) throw new Error('give a whole number of loads, at least 1')
if (!existsSync(join(renderer, 'index.html'))) {
  console.error('out/renderer is missing: run "npm run build" first')
  process.exit(1)
}

/** The short name of a script: its file in the build, or what V8 calls code that is no script's. */
const scriptName = (url) => (url ? new URL(url).pathname.split('/').pop() : '(native or idle)')

/** Self time per profile node, in ms, from the profile's samples and their time deltas. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, { node, ms: 0 }]))
  profile.samples.forEach((id, index) => (byId.get(id).ms += (profile.timeDeltas[index] ?? 0) / 1000))
  return [...byId.values()]
}

function add(totals, key, ms) {
  totals.set(key, (totals.get(key) ?? 0) + ms)
}

/** The renderer main thread's complete events, outermost only, summed by name. */
function topLevelTasks(events) {
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
  if (!main) return new Map()
  const spans = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const totals = new Map()
  // Each task's direct children, so "RunTask" splits into what ran inside it.
  const stack = []
  for (const span of spans) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= span.ts) stack.pop()
    if (stack.length === 1) add(totals, span.name, span.dur / 1000)
    stack.push(span)
  }
  return totals
}

async function profiledLoad(browser, url) {
  const { context, page, cdp } = await coldPage(browser, playwrightConfig.use.viewport)
  try {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
    const events = []
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value))
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,v8,disabled-by-default-devtools.timeline',
      transferMode: 'ReportEvents',
    })
    await cdp.send('Profiler.start')
    await page.goto(url, { timeout: TIMEOUT_MS })
    const usableAt = await usableFormAt(page, TIMEOUT_MS)
    const { profile } = await cdp.send('Profiler.stop')
    await cdp.send('Tracing.end')
    await traced
    return { profile, events, usableAt }
  } finally {
    await context.close()
  }
}

const host = await startHost()
const browser = await chromium.launch(playwrightConfig.use.launchOptions)
try {
  // One unprofiled round first: the host creates its data folder and history on the first calls.
  await profiledLoad(browser, host.url)
  const byScript = new Map()
  const byFunction = new Map()
  const tasks = new Map()
  const usable = []
  for (let round = 0; round < loads; round += 1) {
    const { profile, events, usableAt } = await profiledLoad(browser, host.url)
    usable.push(usableAt.toFixed(0))
    for (const { node, ms } of selfTimes(profile)) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame
      add(byScript, scriptName(url), ms)
      if (url)
        add(byFunction, `${functionName || '(anonymous)'} ${scriptName(url)}:${lineNumber + 1}:${columnNumber + 1}`, ms)
      else add(byFunction, functionName, ms)
    }
    for (const [name, ms] of topLevelTasks(events)) add(tasks, name, ms)
    mkdirSync(artifacts, { recursive: true })
    writeFileSync(saved, JSON.stringify(profile))
  }
  const print = (title, totals, count) => {
    console.log(`\n${title} (ms per load, mean of ${loads})`)
    for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count))
      console.log(`${(ms / loads).toFixed(1).padStart(8)}  ${name}`)
  }
  console.log(`form usable at ${usable.join(' ')} ms`)
  console.log(`last load's profile, for DevTools' Performance panel: ${saved}`)
  print('Self time by script', byScript, TOP)
  print('Self time by function', byFunction, TOP)
  print('Main thread, inside each task', tasks, TOP)
} finally {
  await browser.close()
  await host.stop()
}
