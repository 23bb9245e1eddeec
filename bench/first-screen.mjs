// How soon the send form is usable after navigation, and how much JavaScript that takes, in Chromium
// against browser mode, beside a yardstick measured in the same run: a blank page served by the same host.
// Not a test: it prints what it measured and the machine it ran on.
// Usage: npm run build && npm run bench:first-screen [-- loads] [--against <checkout>]   (default 9 cold loads)
// With --against, the send form of another checkout's build (built there) loads too, alternating with this
// build's load by load, so that a burst of load elsewhere on the machine hits both builds alike.
//
// "Usable" is defined in bench/cold-load.mjs. Every load is cold: a fresh browser context (empty cache) with caching off. Beside wall time it prints
// the page's main-thread task time until then (Chromium's TaskDuration), which shows whether the page's
// own work or the wait for main dominates.
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { startHost } from '../e2e/fixtures/host.ts'
import playwrightModule from '../playwright.config.ts'
import { coldPage, formInDomAt, usableFormAt } from './cold-load.mjs'

// The same Chromium and flags as the end-to-end tests. tsx loads the TypeScript config as CommonJS, so
// its default export arrives one level down.
const playwrightConfig = playwrightModule.default ?? playwrightModule

const { values: options, positionals } = parseArgs({ options: { against: { type: 'string' } }, allowPositionals: true })
const againstDir = options.against ?? null
const loads = Number(positionals[0] ?? 9)
const renderer = join(import.meta.dirname, '..', 'out', 'renderer')
const TIMEOUT_MS = 30_000

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** The scripts the page had fetched by `moment` (ms since navigation), gzipped as the build wrote them. */
async function scriptsLoadedBy(page, moment) {
  const paths = await page.evaluate(
    (until) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.responseEnd <= until && new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => new URL(entry.name).pathname),
    moment,
  )
  const files = [...new Set(paths)]
  const gzip = files.reduce((sum, path) => sum + gzipSync(readFileSync(join(renderer, path))).length, 0)
  return { files, gzip }
}

async function coldLoad(browser, url, untilReady) {
  const { context, page, cdp } = await coldPage(browser, playwrightConfig.use.viewport)
  try {
    await cdp.send('Performance.enable')
    await page.goto(url, { timeout: TIMEOUT_MS })
    const sample = await untilReady(page)
    // The time the page's main thread spent running tasks so far.
    const { metrics } = await cdp.send('Performance.getMetrics')
    const busy = metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN
    return { ...sample, busyMs: busy * 1000 }
  } finally {
    await context.close()
  }
}

async function formTimes(page) {
  return { ms: await usableFormAt(page, TIMEOUT_MS), inDomMs: await formInDomAt(page) }
}

async function formUsable(page) {
  const times = await formTimes(page)
  return { ...times, scripts: await scriptsLoadedBy(page, times.ms) }
}

async function blankLoaded(page) {
  await page.waitForLoadState('load')
  const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd)
  return { ms }
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const machine = () =>
  `${cpus()[0]?.model ?? 'unknown CPU'}, nproc ${availableParallelism()}, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`

if (!Number.isInteger(loads) || loads < 1) throw new Error('give a whole number of loads, at least 1')
if (!existsSync(join(renderer, 'index.html')) || !existsSync(join(renderer, 'blank.html'))) {
  console.error('out/renderer is missing or stale: run "npm run build" first')
  process.exit(1)
}

const host = await startHost()
const other = againstDir ? await startHost({ projectDir: againstDir }) : null
const browser = await chromium.launch(playwrightConfig.use.launchOptions)
try {
  const pages = { blank: `${host.origin}/blank.html`, form: host.url }
  console.log(`${machine()}, Chromium ${browser.version()}, ${new Date().toISOString()}`)
  // One untimed round first: the host creates its data folder and history on the first calls.
  await coldLoad(browser, pages.form, formUsable)
  if (other) await coldLoad(browser, other.url, formTimes)
  const blank = []
  const form = []
  const otherForm = []
  // Interleaved, so a burst of load elsewhere on the machine hits both pages (and both builds) alike.
  for (let round = 0; round < loads; round += 1) {
    blank.push(await coldLoad(browser, pages.blank, blankLoaded))
    const forms = [() => coldLoad(browser, pages.form, formUsable).then((sample) => form.push(sample))]
    if (other) forms.push(() => coldLoad(browser, other.url, formTimes).then((sample) => otherForm.push(sample)))
    for (const load of round % 2 === 0 ? forms : forms.reverse()) await load()
  }

  const blankMs = median(blank.map((sample) => sample.ms))
  const formMs = median(form.map((sample) => sample.ms))
  const initial = form.at(-1).scripts
  console.log(`${loads} cold loads of each page, interleaved; medians, ms after navigation\n`)
  console.log(`blank page loaded        ${blankMs.toFixed(0).padStart(5)} ms`)
  console.log(`send form usable         ${formMs.toFixed(0).padStart(5)} ms   (goal under 400 ms)`)
  const inDomMs = median(form.map((sample) => sample.inDomMs))
  console.log(`  in the DOM, unpainted  ${inDomMs.toFixed(0).padStart(5)} ms`)
  console.log(`ratio form / blank       ${(formMs / blankMs).toFixed(1).padStart(5)}`)
  const blankBusy = median(blank.map((sample) => sample.busyMs))
  const formBusy = median(form.map((sample) => sample.busyMs))
  console.log(
    `main thread busy         ${formBusy.toFixed(0).padStart(5)} ms   (blank ${blankBusy.toFixed(0)} ms, ratio ${(formBusy / blankBusy).toFixed(1)})`,
  )
  console.log(`send form, each load     ${form.map((sample) => sample.ms.toFixed(0)).join(' ')} ms`)
  console.log(
    `initial JavaScript       ${kib(initial.gzip)} gzip in ${initial.files.length} files (goal at most 150 KiB)`,
  )
  if (other) {
    const at = (samples, key) => median(samples.map((sample) => sample[key])).toFixed(0)
    console.log(`\nthe build in ${againstDir}, its loads alternating with this build's:`)
    console.log(`send form usable         ${at(otherForm, 'ms').padStart(5)} ms   (this build ${formMs.toFixed(0)} ms)`)
    console.log(
      `  in the DOM, unpainted  ${at(otherForm, 'inDomMs').padStart(5)} ms   (this build ${inDomMs.toFixed(0)} ms)`,
    )
    console.log(
      `main thread busy         ${at(otherForm, 'busyMs').padStart(5)} ms   (this build ${formBusy.toFixed(0)} ms)`,
    )
    console.log(`send form, each load     ${otherForm.map((sample) => sample.ms.toFixed(0)).join(' ')} ms`)
  }
  console.log(`machine afterwards       ${machine()}`)
} finally {
  await browser.close()
  await host.stop()
  await other?.stop()
}
