import { afterAll, beforeAll, describe } from 'vitest'
import { initTeamSchema } from '../../../src-main/team/schema'
import { consoleRoleGrants } from '../../../src-main/team/console-role'
import { createTeamPool } from '../../../src-main/team/connect'
import { openTeamHistory } from '../../../src-main/team/team-history-store'
import { describeHistoryContract } from '../history/history-contract'
import { TestClock } from '../history/history-fixtures'
import { PostgresCluster, postgresMissing } from './postgres-cluster'

const missing = postgresMissing()
if (missing) console.warn(`PostgreSQL store contract skipped: ${missing}`)

describe.skipIf(missing)('team history on PostgreSQL', () => {
  let cluster: PostgresCluster
  let databases = 0
  beforeAll(async () => {
    cluster = await PostgresCluster.start()
    // The consoles' own role, with only the grants the README gives it: the contract runs as this role.
    await cluster.sql('CREATE ROLE sms_console LOGIN')
  }, 120_000)
  afterAll(() => cluster?.dispose())

  describeHistoryContract('team PostgreSQL store, as a console role', async () => {
    const owner = await cluster.createDatabase(`contract_${++databases}`)
    const pool = createTeamPool(owner, null)
    await initTeamSchema(pool, null)
    await pool.query(consoleRoleGrants('sms_console'))
    await pool.end()
    const clock = new TestClock()
    const store = await openTeamHistory({
      config: { ...owner, user: 'sms_console' },
      password: null,
      clock: clock.read,
      consoleId: 'console-a',
    })
    return { store, clock, dispose: () => store.close() }
  })
})
