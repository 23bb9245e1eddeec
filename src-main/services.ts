import { mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { logsDirOf, PRODUCT_NAME } from './app-paths'
import {
  SMS_CHANNELS,
  type AppInfo,
  type Catalog,
  type CooldownReport,
  type KeychainBackend,
  type KeychainStatus,
  type Language,
  type ProfileView,
} from './shared/contract'
import { cooldownReport, InFlightLock, UnrecordedSends } from './cooldown'
import { probeKeychain } from './credentials/keychain-status'
import { createSecretStore } from './credentials/create-secret-store'
import { SwitchableSecretStore } from './credentials/switchable-secret-store'
import { EMULATOR_SCENARIOS } from './emulator/scenarios'
import { SANDBOX_APP_ID } from './emulator/sandbox'
import { LazyEmulator } from './emulator/lazy-emulator'
import { EventBus } from './events'
import { loadCatalog } from './genauth/catalog'
import { watchDataFolder } from './changes/watch-data-folder'
import { createLogger, type Logger } from './logging'
import { openHistory, type HistoryStore } from './history'
import type { CooldownSubject } from './history/types'
import { ProfileService } from './profiles/profile-service'
import { PROFILES_FILE } from './profiles/profiles-file'
import { DataWarnings } from './files/data-warnings'
import { WARNINGS_FILE } from './files/warnings-file'
import { SETTINGS_FILE, SettingsStore } from './settings/settings-store'
import type { SendServiceDeps } from './sms/send-service'
import { consoleIdOf } from './team/console-id'
import { TeamBackend } from './team/team-backend'
import { version } from '../package.json'

export type ServicesOptions = {
  dataDir: string
  mode: AppInfo['mode']
  clock?: () => number
  /** Runtime versions to show in About (Electron adds its own). */
  versions?: Record<string, string>
  /** The OS language, for `x-authing-lang` until the user picks one. */
  osLanguage?: Language
  /** How long after start the first retention pass runs (default 5 s). */
  retentionDelayMs?: number
  /** The per-run token of the sandbox emulator's control routes (browser mode passes its own). */
  emulatorToken?: string
  /** Where GENAUTH_SMS_TEAM_DATABASE_URL is read (default: this process's environment). */
  env?: NodeJS.ProcessEnv
}

/** How often answers waiting for the team database are offered to it again. */
const UPLOAD_RETRY_MS = 30_000

export type Services = {
  dataDir: string
  log: Logger
  events: EventBus
  profiles: ProfileService
  /** This computer's history; `team` chooses between it and the team database. */
  history: HistoryStore
  team: TeamBackend
  settings: SettingsStore
  warnings: DataWarnings
  /** The shipped catalog, checked on first use: most command-line calls never explain a code. */
  catalog(): Catalog
  /** The sandbox profile's emulator; the CLI starts it only for a send that needs it. */
  emulator: LazyEmulator
  cooldowns: Cooldowns
  /** Who sends, as recorded in the history. */
  operator: string
  /** The language GenAuth answers a profile's sends in. */
  language(profile: ProfileView): Language
  appInfo(): AppInfo
  keychainStatus(): Promise<KeychainStatus>
  /** Moves the stored secrets to another keychain backend and uses it from then on. */
  switchKeychain(backend: KeychainBackend): Promise<void>
  close(): Promise<void>
}

/**
 * The cooldown as this process sees it: the chosen history (the team's or this computer's), this process's
 * lock and its unrecorded sends, on its clock.
 */
export type Cooldowns = SendServiceDeps['cooldown'] & {
  report(subject: CooldownSubject): Promise<CooldownReport>
}

/**
 * The composition root: builds every service from a data folder and a clock. Electron, the browser-mode
 * host and the CLI all start here, so they share one implementation and one data folder.
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const clock = options.clock ?? Date.now
  const dataDir = options.dataDir
  mkdirSync(dataDir, { recursive: true })
  const log = createLogger({ logsDir: logsDirOf(dataDir), level: 'info' })
  const events = new EventBus((error) => log.error('a window could not be told of a change:', error))
  const warnings = new DataWarnings(
    dataDir,
    (message) => log.warn(message),
    (list) => events.emit({ name: 'warnings.changed', warnings: list }),
  )
  // The owners announce their own changes; the watcher those other processes make to the data folder.
  const settings = new SettingsStore(dataDir, clock, warnings, (next) =>
    events.emit({ name: 'settings.changed', settings: next }),
  )
  const secrets = new SwitchableSecretStore(createSecretStore(settings.get().keychainBackend))
  const profiles = new ProfileService({
    dataDir,
    secrets,
    clock,
    warnings,
    onChange: (list) => events.emit({ name: 'profiles.changed', list }),
  })
  // Read once now, so a damaged profiles file is kept aside and reported before anything asks for it.
  profiles.list()
  const history = openHistory(join(dataDir, 'history.db'), {
    clock,
    onKeptAside: (text, keptAs) => warnings.record(text, keptAs),
    onChange: (notice) => events.emit({ name: 'history.changed', ...notice }),
  })
  const stopWatching =
    options.mode === 'cli'
      ? () => undefined
      : watchDataFolder({
          events,
          history,
          profiles,
          profilesFile: join(dataDir, PROFILES_FILE),
          settings,
          settingsFile: join(dataDir, SETTINGS_FILE),
          warnings,
          warningsFile: join(dataDir, WARNINGS_FILE),
          onError: (error) => log.warn('watching the data folder:', error),
        })
  let catalog: Catalog | null = null
  // The built-in sandbox profile sends here: a fresh install works at once and never texts anyone.
  const emulator = new LazyEmulator({
    port: 0,
    appIds: [SANDBOX_APP_ID],
    token: options.emulatorToken,
    onError: (error) => log.error('sandbox emulator: a request failed:', error),
  })
  // The app shows the emulator's address in About and starts on the sandbox profile, so it listens from
  // the start; a CLI command opens the port only when it sends to the sandbox.
  if (options.mode !== 'cli') await emulator.start()
  const inFlight = new InFlightLock()
  const unrecorded = new UnrecordedSends(clock)
  // The cooldown is derived from the history plus this process's sends the history failed to record.
  const cooldownHistory = unrecorded.over(history)
  const operator = safeOperatorName()
  const team = new TeamBackend({
    dataDir,
    env: options.env ?? process.env,
    settings,
    secrets,
    local: history,
    localCooldown: cooldownHistory,
    clock,
    consoleId: consoleIdOf(dataDir),
    events,
    log,
    onQueueSetAside: (text, keptAs) => warnings.record(text, keptAs),
  })

  const language = (profile: ProfileView): Language =>
    profile.language !== 'auto' ? profile.language : (settings.get().language ?? options.osLanguage ?? 'en-US')

  const cooldowns: Cooldowns = {
    tryAcquire: (key) => inFlight.tryAcquire(key),
    noteUnrecorded: (key, result) => unrecorded.note(key, result),
    // The chosen history's view: the team database's when one is in use, this computer's otherwise.
    report: async (subject) => cooldownReport(await team.cooldownHistory(subject), subject, clock(), inFlight),
  }

  // Retention runs shortly after start (a first run on a large old history can take seconds, which
  // must not hold up the window) and then daily.
  const applyRetention = (): void => {
    const current = settings.get()
    history.applyRetention({ days: current.retentionDays, maxEntries: current.retentionMaxEntries })
  }
  const firstRetention = setTimeout(applyRetention, options.retentionDelayMs ?? 5_000)
  firstRetention.unref()
  const retentionTimer = setInterval(applyRetention, 24 * 60 * 60 * 1000)
  retentionTimer.unref()
  // Answers the team database could not take are offered again now and then, and at every start.
  void team.uploadWaiting()
  const uploadTimer = setInterval(() => void team.uploadWaiting(), UPLOAD_RETRY_MS)
  uploadTimer.unref()

  return {
    dataDir,
    log,
    events,
    profiles,
    history,
    team,
    settings,
    warnings,
    catalog: () => (catalog ??= loadCatalog()),
    emulator,
    cooldowns,
    operator,
    language,
    appInfo: () => ({
      name: PRODUCT_NAME,
      version,
      mode: options.mode,
      dataDir,
      logsDir: logsDirOf(dataDir),
      platform: process.platform,
      versions: { node: process.versions.node, ...options.versions },
      operator,
      channels: [...SMS_CHANNELS],
      emulatorUrl: emulator.running?.url ?? null,
      emulatorScenarios: EMULATOR_SCENARIOS,
      warnings: warnings.list(),
    }),
    keychainStatus: () => probeKeychain(secrets),
    switchKeychain: async (backend) => {
      await secrets.switchTo(backend)
      await profiles.refreshSecretFlags()
    },
    close: async () => {
      stopWatching()
      clearTimeout(firstRetention)
      clearInterval(retentionTimer)
      clearInterval(uploadTimer)
      await team.close()
      await emulator.close()
      history.close()
    },
  }
}

function safeOperatorName(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown'
  }
}
