import type { Settings } from '../shared/contract/settings'
import type { TeamDatabaseConfig, TeamSource, TeamStatus } from '../shared/contract/team'
import { ConsoleError, type ErrorText } from '../shared/contract/errors'
import type { CooldownHistory } from '../cooldown'
import type { SecretStore } from '../credentials/secret-store'
import type { EventBus } from '../events'
import { asyncHistory, type AsyncHistoryStore } from '../history/async-history'
import type { CooldownSubject, HistoryStore } from '../history/types'
import { registerSecret, type Logger } from '../logging'
import { describeConnection } from './connection-config'
import { TEAM_SCHEMA_VERSION } from './migrations'
import { cooldownSnapshot, localSendHistory, type SendHistory } from './send-history'
import { watchTeamChanges } from './team-change-watch'
import { teamDatabaseFromEnv } from './team-from-env'
import type { TeamHistoryStore } from './team-history-store'
import { teamSendHistory } from './team-send-history'
import { uploadWaiting } from './upload-waiting'
import { UploadQueue } from './upload-queue'

/** The keychain entry of the team database's password (one team database per computer user). */
export const TEAM_PASSWORD_ACCOUNT = 'team-database'

export interface TeamBackendOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  settings: { get(): Settings }
  secrets: SecretStore
  /** This computer's history, and its cooldown view with this process's unrecorded sends taken in. */
  local: HistoryStore
  localCooldown: CooldownHistory
  clock: () => number
  consoleId: string
  events: EventBus
  log: Pick<Logger, 'warn' | 'info'>
  onQueueSetAside: (text: ErrorText, keptAs: string) => void
}

/** The team database in use and where it comes from. */
export interface ChosenTeam {
  source: Exclude<TeamSource, 'off'>
  config: TeamDatabaseConfig
  password: string | null
}

/**
 * Chooses where history and cooldown live: the team database the environment names, else the one in
 * the settings, else this computer's SQLite file. Chosen again on every use, so a change of the
 * setting (or of the password) takes effect at the next call without a restart.
 */
export class TeamBackend {
  readonly queue: UploadQueue
  private open: { key: string; store: Promise<TeamHistoryStore> } | null = null
  private uploading: Promise<number> | null = null
  private readonly stopWatching: () => void

  constructor(private readonly options: TeamBackendOptions) {
    this.queue = new UploadQueue(options.dataDir, options.clock, options.onQueueSetAside)
    // Other consoles' sends reach an open window as the local history's do from other processes.
    // This console's own writes move the counter too: a window then reads its page once more.
    let lastProblem: string | null = null
    this.stopWatching = watchTeamChanges({
      openStore: async () => {
        const open = this.open
        const store = await open?.store.catch(() => null)
        return open && store ? { key: open.key, store } : null
      },
      changed: () => options.events.emit({ name: 'history.changed', change: 'elsewhere', entryId: null }),
      onError: (error) => {
        const problem = (error as Error).message
        if (problem !== lastProblem) options.log.warn(`Watching the team history for changes: ${problem}`)
        lastProblem = problem
      },
    })
  }

  /** The store for reading history: the team's, or this computer's. */
  async history(): Promise<AsyncHistoryStore> {
    const chosen = await this.chosen()
    return chosen ? this.teamStore(chosen) : asyncHistory(this.options.local, this.options.clock)
  }

  /** The history one send is recorded in. An unreachable team database refuses the send here. */
  async sendHistory(): Promise<SendHistory> {
    const { local, localCooldown, clock } = this.options
    const chosen = await this.chosen()
    if (!chosen) return localSendHistory(local, localCooldown, clock)
    const connection = describeConnection(chosen.config)
    return teamSendHistory(await this.teamStore(chosen), {
      clock,
      keepForUpload: (teamId, entry, result) => {
        // Recorded here first, so the answer survives even if the waiting list cannot be written.
        const localId = local.begin(entry)
        local.complete(localId, result)
        this.queue.add({ connection, teamId, localId, result })
        this.options.events.emit({ name: 'team.changed' })
      },
      onChange: (notice) => this.options.events.emit({ name: 'history.changed', ...notice }),
    })
  }

  /** The phone's cooldown as the chosen history has it. */
  async cooldownHistory(subject: CooldownSubject): Promise<CooldownHistory> {
    const chosen = await this.chosen()
    if (!chosen) return this.options.localCooldown
    return cooldownSnapshot(await this.teamStore(chosen), subject, this.options.clock())
  }

  /** Clearing is the local history's alone: the team's belongs to the owner of its database. */
  async refuseClearOfTeam(): Promise<void> {
    if (await this.chosen()) {
      throw new ConsoleError(
        'conflict',
        "The team history is kept by the team database's owner: this console never deletes it (nor its retention).",
        { key: 'teamHistoryNotCleared' },
      )
    }
  }

  async status(): Promise<TeamStatus> {
    await this.uploading
    const chosen = await this.chosen()
    // With no database configured there is no password of one to look for in the keychain.
    if (!chosen) return this.offStatus()
    return this.statusOf(chosen.source, chosen.config, chosen.password)
  }

  /** Connects to `config` without saving it; without a password given, the stored one is used. */
  async test(config: TeamDatabaseConfig, password?: string): Promise<TeamStatus> {
    return this.statusOf('settings', config, password ?? (await this.storedPassword()))
  }

  async setPassword(value: string | null): Promise<TeamStatus> {
    if (value === null) await this.options.secrets.delete(TEAM_PASSWORD_ACCOUNT)
    else {
      registerSecret(value)
      await this.options.secrets.set(TEAM_PASSWORD_ACCOUNT, value)
    }
    return this.status()
  }

  /**
   * Sends the waiting answers to the team database they belong to; returns how many arrived. One pass
   * at a time; a database still unreachable leaves them waiting for the next pass.
   */
  uploadWaiting(): Promise<number> {
    this.uploading ??= this.uploadPass().finally(() => (this.uploading = null))
    return this.uploading
  }

  async close(): Promise<void> {
    this.stopWatching()
    await this.uploading
    await this.closeTeam()
  }

  private async uploadPass(): Promise<number> {
    try {
      if (this.queue.list().length === 0) return 0
      const chosen = await this.chosen()
      if (!chosen) return 0
      const uploaded = await uploadWaiting(await this.teamStore(chosen), {
        connection: describeConnection(chosen.config),
        queue: this.queue,
        local: this.options.local,
      })
      if (uploaded > 0) {
        this.options.log.info(`${uploaded} result(s) reached the team database.`)
        this.options.events.emit({ name: 'history.changed', change: 'completed', entryId: null })
        this.options.events.emit({ name: 'team.changed' })
      }
      return uploaded
    } catch (error) {
      this.options.log.warn(`Results still wait for the team database: ${(error as Error).message}`)
      return 0
    }
  }

  private async statusOf(source: TeamSource, config: TeamDatabaseConfig, password: string | null) {
    const { teamStatus } = await import('./team-status')
    const report = await teamStatus(config, password)
    const hasPassword = source === 'env' ? password !== null : await this.hasStoredPassword()
    return { ...report, source, waitingUploads: this.queue.list().length, hasPassword }
  }

  private offStatus(): TeamStatus {
    return {
      source: 'off',
      connection: null,
      state: 'off',
      schemaVersion: null,
      neededVersion: TEAM_SCHEMA_VERSION,
      entries: null,
      waitingUploads: this.queue.list().length,
      message: null,
      reason: null,
      hasPassword: false,
    }
  }

  /** The team database in use now, with its password; null when team mode is off. */
  async chosen(): Promise<ChosenTeam | null> {
    const fromEnv = teamDatabaseFromEnv(this.options.env)
    if (fromEnv) return { source: 'env', ...fromEnv }
    const config = this.options.settings.get().teamDatabase
    return config ? { source: 'settings', config, password: await this.storedPassword() } : null
  }

  private storedPassword(): Promise<string | null> {
    return this.options.secrets.get(TEAM_PASSWORD_ACCOUNT)
  }

  private async hasStoredPassword(): Promise<boolean> {
    return (await this.storedPassword().catch(() => null)) !== null
  }

  /** The open team store for `chosen`, reopened when the database or its password changed. */
  private async teamStore(chosen: ChosenTeam): Promise<TeamHistoryStore> {
    const key = JSON.stringify([describeConnection(chosen.config), chosen.config.caFile ?? null, chosen.password])
    if (this.open?.key === key) return this.open.store
    const previous = this.open
    // node-postgres is loaded with the first team store: a console without a team database never loads it.
    const store = import('./team-history-store').then(({ openTeamHistory }) =>
      openTeamHistory({ ...chosen, clock: this.options.clock, consoleId: this.options.consoleId }),
    )
    this.open = { key, store }
    // A database that could not be opened is tried again at the next call.
    store.catch(() => {
      if (this.open?.store === store) this.open = null
    })
    if (previous) void closeStore(previous.store)
    return store
  }

  private async closeTeam(): Promise<void> {
    const open = this.open
    this.open = null
    if (open) await closeStore(open.store)
  }
}

async function closeStore(store: Promise<TeamHistoryStore>): Promise<void> {
  await (await store.catch(() => null))?.close()
}
