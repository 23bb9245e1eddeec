import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HistoryFilter } from '../../../src-main/shared/contract'
import { createTeamPool } from '../../../src-main/team/connect'
import { initTeamSchema } from '../../../src-main/team/schema'
import { openTeamHistory, type TeamHistoryStore } from '../../../src-main/team/team-history-store'
import { PostgresCluster, postgresMissing } from './postgres-cluster'
import { recordStatements, tableReads } from './statement-plans'
import { DAY_MS, fillTeamHistory, OPERATORS, phoneOf, START } from './team-fill'

const missing = postgresMissing()
if (missing) console.warn(`Team history plan tests skipped: ${missing}`)

const ENTRIES = 100_000
const PAGE = 50

/** The history view's filters, as the benchmark asks them. */
const FILTERS: [string, HistoryFilter][] = [
  ['no filter', {}],
  ['a whole number with many sends', { phone: phoneOf(0) }],
  ['a whole number', { phone: phoneOf(2048) }],
  ['the last 6 digits', { phone: phoneOf(2048).slice(-6) }],
  ['digits most numbers contain', { phone: '138' }],
  ['an operator', { operator: OPERATORS[7]! }],
  ['a rare outcome', { outcome: 'timeout' }],
  ['the common outcome', { outcome: 'success' }],
  ['a profile', { profileId: 'profile-3' }],
  ['a statusCode', { statusCode: 429 }],
  ['a channel and 7 days', { channel: 'CHANNEL_REGISTER', from: START + 40 * DAY_MS + 1234, to: START + 47 * DAY_MS }],
  ['7 days', { from: START + 90 * DAY_MS + 99, to: START + 97 * DAY_MS + 5 }],
]

describe.skipIf(missing)('team history plans at 100,000 entries', () => {
  let cluster: PostgresCluster
  let owner: pg.Pool
  let store: TeamHistoryStore
  beforeAll(async () => {
    cluster = await PostgresCluster.start()
    const config = await cluster.createDatabase('plans')
    owner = createTeamPool(config, null, { max: 1 })
    await initTeamSchema(owner, null)
    await fillTeamHistory(owner, ENTRIES)
    store = await openTeamHistory({ config, password: null, clock: Date.now, consoleId: 'console-a' })
  }, 300_000)
  afterAll(async () => {
    await store?.close()
    await owner?.end()
    await cluster?.dispose()
  })

  it.each(FILTERS)(
    'reads a page of %s through an index, stopping at the page, and its counts without reading the matches',
    async (_label, filter) => {
      let total = 0
      const statements = await recordStatements(async () => {
        total = (await store.query({ filter, limit: PAGE })).total
      })
      expect(total).toBeGreaterThan(0)
      const reads = statements.filter((statement) => /^\s*\(?\s*SELECT/i.test(statement.text))
      expect(reads.length).toBeGreaterThan(0)
      for (const statement of reads) {
        const history = await tableReads(owner, statement, 'history')
        const shown = `${statement.text}\n${JSON.stringify(history.scans)}`
        // Through an index: in page order, or (a number's few entries) collected from it and sorted.
        for (const scan of history.scans) expect(scan.type, shown).toMatch(/^(Index (Only )?Scan|Bitmap Heap Scan)$/)
        // Counts read the log only for the entries in flight and a time range's edges (under an hour
        // each); a page stops once full: at worst (with an index that does not start with the filter's
        // column) after about page x history / matches entries.
        const counts = /GROUP BY outcome/.test(statement.text)
        const bound = counts ? 4 * (PAGE + 1) : Math.max(4 * (PAGE + 1), (2 * (PAGE + 1) * ENTRIES) / total)
        expect(history.rows, shown).toBeLessThanOrEqual(bound)
      }
    },
  )
})
