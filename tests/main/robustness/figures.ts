import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { ARTIFACTS_DIR } from './paths'

/** The suite's figures; the second group must stay at zero. */
export const COUNTED_FIGURES = ['inputsTried', 'inputsRejected', 'faultsInjected', 'killsSurvived'] as const
export const ZERO_FIGURES = [
  'requestsDoubleSent',
  'entriesLost',
  'entriesDuplicated',
  'entriesLeftSending',
  'writesLost',
  'secretHits',
  'outcomesHidden',
] as const
export type FigureName = (typeof COUNTED_FIGURES)[number] | (typeof ZERO_FIGURES)[number]
export type Figures = Record<FigureName, number>
export type CallCounts = Record<string, { tried: number; rejected: number }>

export type SectionReport = {
  section: string
  /** The vitest run that wrote it: sections of older runs are left out of the summary. */
  run: string
  finishedAt: string
  figures: Partial<Figures>
  perCall: CallCounts
  /** Measurements that are not counts (memory before and after, what a bounded store kept), by label. */
  measured?: Record<string, string>
  skipped: string | null
}

export const SUMMARY_FILE = join(ARTIFACTS_DIR, 'robustness.json')
const SECTIONS_DIR = join(ARTIFACTS_DIR, 'robustness')
const LOCK_DIR = join(SECTIONS_DIR, '.lock')

/** vitest's forks pool runs each file in a child of the run's main process; the threads pool inside it. */
const RUN_ID = String(isMainThread ? process.ppid : process.pid)

/**
 * One test file's share of the figures. Every change is written at once, to the file's own section and
 * to the merged summary, so the figures of a failing test are on disk before its assertion fails.
 */
export class FigureTally {
  private readonly report: SectionReport

  constructor(section: string) {
    this.report = { section, run: RUN_ID, finishedAt: '', figures: {}, perCall: {}, skipped: null }
  }

  add(figures: Partial<Figures>): void {
    for (const [name, value] of Object.entries(figures) as Array<[FigureName, number]>) {
      this.report.figures[name] = (this.report.figures[name] ?? 0) + value
    }
    this.save()
  }

  addCall(name: string, tried: number, rejected: number): void {
    const counts = (this.report.perCall[name] ??= { tried: 0, rejected: 0 })
    counts.tried += tried
    counts.rejected += rejected
    this.add({ inputsTried: tried, inputsRejected: rejected })
  }

  /** A measurement printed as it is, under the section's name. */
  measure(label: string, text: string): void {
    this.report.measured = { ...this.report.measured, [label]: text }
    this.save()
  }

  skip(reason: string): void {
    this.report.skipped = reason
    this.save()
  }

  private save(): void {
    this.report.finishedAt = new Date().toISOString()
    mkdirSync(SECTIONS_DIR, { recursive: true })
    writeAtomic(join(SECTIONS_DIR, `${this.report.section}.json`), JSON.stringify(this.report, null, 2))
    withLock(() => writeAtomic(SUMMARY_FILE, JSON.stringify(summarize(readSections()), null, 2)))
  }
}

export type Summary = {
  generatedAt: string
  run: string
  totals: Figures
  mustBeZero: readonly string[]
  sections: Array<Pick<SectionReport, 'section' | 'finishedAt' | 'figures' | 'measured' | 'skipped'>>
  perCall: CallCounts
}

export function summarize(sections: SectionReport[]): Summary {
  const latest = [...sections].sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)).at(-1)
  const current = sections.filter((report) => report.run === latest?.run)
  const totals = Object.fromEntries([...COUNTED_FIGURES, ...ZERO_FIGURES].map((name) => [name, 0])) as Figures
  const perCall: CallCounts = {}
  for (const report of current) {
    for (const [name, value] of Object.entries(report.figures) as Array<[FigureName, number]>) totals[name] += value
    for (const [name, counts] of Object.entries(report.perCall)) {
      const sum = (perCall[name] ??= { tried: 0, rejected: 0 })
      sum.tried += counts.tried
      sum.rejected += counts.rejected
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    run: latest?.run ?? '',
    totals,
    mustBeZero: ZERO_FIGURES,
    sections: current
      .sort((a, b) => a.section.localeCompare(b.section))
      .map(({ section, finishedAt, figures, measured, skipped }) => ({
        section,
        finishedAt,
        figures,
        measured,
        skipped,
      })),
    perCall,
  }
}

function readSections(): SectionReport[] {
  return readdirSync(SECTIONS_DIR)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(join(SECTIONS_DIR, name), 'utf8')) as SectionReport]
      } catch {
        return []
      }
    })
}

/** A lock left by a worker that died while holding it. */
function lockIsStale(): boolean {
  try {
    return Date.now() - statSync(LOCK_DIR).mtimeMs > 30_000
  } catch {
    return false
  }
}

function writeAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${text}\n`)
  renameSync(temporary, file)
}

/** Test files run in parallel workers; a directory is the lock because mkdir is atomic. */
function withLock(work: () => void): void {
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      mkdirSync(LOCK_DIR)
      break
    } catch {
      if (lockIsStale()) rmSync(LOCK_DIR, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`could not lock ${LOCK_DIR} to write the robustness figures`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5)
    }
  }
  try {
    work()
  } finally {
    rmdirSync(LOCK_DIR)
  }
}
