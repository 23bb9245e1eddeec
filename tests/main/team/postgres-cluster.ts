import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import type { TeamDatabaseConfig } from '../../../src-main/team/connection-config'
import { freePort } from '../../shared/free-port'

const run = promisify(execFile)
const POSTGRES_ROOT = '/usr/lib/postgresql'

/** Debian's PostgreSQL programs (not on PATH), the newest installed version; null when none is. */
function postgresBin(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => existsSync(join(POSTGRES_ROOT, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(POSTGRES_ROOT, versions[0], 'bin') : null
}

/** Why the PostgreSQL tests cannot run here, or null when they can. Printed by every skipped suite. */
export function postgresMissing(): string | null {
  if (postgresBin() !== null) return null
  return `PostgreSQL is not installed (no ${POSTGRES_ROOT}/<version>/bin/pg_ctl): run "bash scripts/setup-system.sh test" or "apt-get install -y postgresql"`
}

/**
 * A throwaway PostgreSQL cluster on a temporary folder and a free loopback port, trust authentication,
 * fsync off (it is thrown away). initdb refuses to run as root, so as root the programs run as the
 * `postgres` user Debian's package creates, on a folder handed to that user.
 */
export class PostgresCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly asUser: string[],
  ) {}

  static async start(): Promise<PostgresCluster> {
    const bin = postgresBin()
    if (!bin) throw new Error(postgresMissing()!)
    const dir = mkdtempSync(join(tmpdir(), 'team-pg-'))
    const asUser: string[] = []
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres'])
      const { stdout: group } = await run('id', ['-g', 'postgres'])
      chownSync(dir, Number(stdout.trim()), Number(group.trim()))
      asUser.push('runuser', '-u', 'postgres', '--')
    }
    const cluster = new PostgresCluster(dir, await freePort(), bin, asUser)
    await cluster.exec('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
    await cluster.startServer()
    return cluster
  }

  get dataDir(): string {
    return join(this.dir, 'data')
  }

  /** Starts the server again after `stopServer` (same data, same port). */
  async startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`
    await this.exec('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dir, 'server.log'), '-w', 'start'])
  }

  async stopServer(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop'])
  }

  /** The superuser's config for a database of this cluster. */
  config(database = 'postgres', user = 'postgres'): TeamDatabaseConfig {
    return { host: '127.0.0.1', port: this.port, database, user }
  }

  /** Runs SQL as the superuser. */
  async sql(text: string, database = 'postgres'): Promise<pg.QueryResult> {
    const client = new pg.Client({ ...this.config(database), password: undefined })
    await client.connect()
    try {
      return await client.query(text)
    } finally {
      await client.end()
    }
  }

  /** A fresh, empty database, so each test starts from nothing without a new cluster. */
  async createDatabase(name: string): Promise<TeamDatabaseConfig> {
    await this.sql(`CREATE DATABASE ${name}`)
    return this.config(name)
  }

  async dispose(): Promise<void> {
    try {
      await this.stopServer()
    } catch {
      // Already stopped (a test stopped it and failed before starting it again).
    } finally {
      rmSync(this.dir, { recursive: true, force: true })
    }
  }

  private async exec(program: string, args: string[]): Promise<void> {
    const [command, ...rest] = [...this.asUser, join(this.bin, program), ...args]
    await run(command!, rest, { cwd: this.dir, timeout: 60_000 })
  }
}
