import type { Db } from './database'

export type Params = Record<string, string | number | null | Buffer>

/**
 * Prepared statements by SQL text. Queries are assembled from the filter's parts, so there are a few
 * dozen shapes at most; preparing each once keeps a page query to the time SQLite spends reading.
 * Parameters are always named: libsql mistakes a single positional null for a parameter object.
 */
export class Statements {
  private readonly cache = new Map<string, ReturnType<Db['prepare']>>()

  constructor(private readonly db: Db) {}

  all<T>(sql: string, params: Params = {}): T[] {
    return this.prepare(sql).all(params) as T[]
  }

  get<T>(sql: string, params: Params = {}): T | undefined {
    return this.prepare(sql).get(params) as T | undefined
  }

  run(sql: string, params: Params = {}): { changes: number; lastInsertRowid: number } {
    const result = this.prepare(sql).run(params)
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) }
  }

  private prepare(sql: string): ReturnType<Db['prepare']> {
    let statement = this.cache.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.cache.set(sql, statement)
    }
    return statement
  }
}
