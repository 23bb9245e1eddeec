import { asyncHistory } from '../../../src-main/history/async-history'
import { describeHistoryContract } from './history-contract'
import { TempHistory } from './history-fixtures'

describeHistoryContract('local SQLite store', async () => {
  const temp = new TempHistory()
  return {
    store: asyncHistory(temp.open(), temp.clock.read),
    clock: temp.clock,
    dispose: async () => temp.dispose(),
  }
})
