import pg from 'pg'

export interface Statement {
  text: string
  values: unknown[]
}

/** Every statement sent through a pg pool while `work` runs (the stores query through their pool). */
export async function recordStatements(work: () => Promise<unknown>): Promise<Statement[]> {
  const recorded: Statement[] = []
  const original = pg.Pool.prototype.query
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    const [text, values] = args
    if (typeof text === 'string') recorded.push({ text, values: Array.isArray(values) ? values : [] })
    return (original as (...rest: unknown[]) => unknown).apply(this, args)
  } as typeof original
  try {
    await work()
  } finally {
    pg.Pool.prototype.query = original
  }
  return recorded
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Actual Loops': number
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  Plans?: PlanNode[]
}

/** How a statement read one table, from its EXPLAIN ANALYZE: each scan and the rows it looked at. */
export interface TableReads {
  scans: { type: string; index: string | null; rows: number }[]
  rows: number
}

/** Runs the statement under EXPLAIN (ANALYZE) and sums the scans of `table`. */
export async function tableReads(db: pg.Pool, statement: Statement, table: string): Promise<TableReads> {
  const explained = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
    statement.values,
  )
  const reads: TableReads = { scans: [], rows: 0 }
  const visit = (node: PlanNode): void => {
    if (node['Relation Name'] === table) {
      const looked =
        node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)
      const rows = looked * node['Actual Loops']
      reads.scans.push({ type: node['Node Type'], index: node['Index Name'] ?? null, rows })
      reads.rows += rows
    }
    node.Plans?.forEach(visit)
  }
  visit(explained.rows[0]!['QUERY PLAN'][0].Plan)
  return reads
}
