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
} from './contract'
import { createDispatcher, type Dispatch } from './contract/dispatcher'
import { activeCooldown, cooldownReport, InFlightLock, UnrecordedSends, withoutCooling } from './cooldown'
import { probeKeychain } from './credentials/keychain-status'
import { createSecretStore } from './credentials/create-secret-store'
import { SwitchableSecretStore } from './credentials/switchable-secret-store'
import { EMULATOR_SCENARIOS, scenarioFor } from './emulator/scenarios'
import { SANDBOX_APP_ID } from './emulator/sandbox'
import { LazyEmulator } from './emulator/lazy-emulator'
import { EventBus } from './events'
import { normalizeAppHost } from './genauth/app-host'
import { loadCatalog } from './genauth/catalog'
import { prepareSendSms } from './genauth/client'
import { createHandlers } from './handlers'
import { createLogger, registerSecret, type Logger } from './logging'
import { openHistory, type HistoryStore } from './history'
import { ProfileService } from './profiles/profile-service'
import { DataWarnings } from './settings/data-warnings'
import { SettingsStore } from './settings/settings-store'
import type { SecretStore } from './credentials/secret-store'
import type { SendServiceDeps } from './sms/send-service'
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
}

export type Services = {
  dataDir: string
  log: Logger
  events: EventBus
  profiles: ProfileService
  history: HistoryStore
  settings: SettingsStore
  /** The OS keychain the profiles' secrets and the team database's password live in. */
  secrets: SecretStore
  warnings: DataWarnings
  catalog: Catalog
  sendDeps: SendServiceDeps
  /** The sandbox profile's emulator; the CLI starts it only for a send that needs it. */
  emulator: LazyEmulator
  appInfo(): AppInfo
  keychainStatus(): Promise<KeychainStatus>
  /** Moves the stored secrets to another keychain backend and uses it from then on. */
  switchKeychain(backend: KeychainBackend): Promise<void>
  cooldownFor(input: { profileId: string; phoneNumber: string; phoneCountryCode?: string }): CooldownReport
  dispatch: Dispatch
  close(): Promise<void>
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
  const events = new EventBus()
  const warnings = new DataWarnings(dataDir, (message) => log.warn(message))
  const settings = new SettingsStore(dataDir, clock, warnings)
  const secrets = new SwitchableSecretStore(createSecretStore(settings.get().keychainBackend))
  const profiles = new ProfileService({ dataDir, secrets, clock, warnings })
  // Read once now, so a damaged profiles file is kept aside and reported before anything asks for it.
  profiles.list()
  const history = openHistory(join(dataDir, 'history.db'), {
    clock,
    onKeptAside: (message, keptAs) => warnings.record(message, keptAs),
  })
  const catalog = loadCatalog()
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

  const language = (profile: ProfileView): Language =>
    profile.language !== 'auto' ? profile.language : (settings.get().language ?? options.osLanguage ?? 'en-US')

  const sendDeps: SendServiceDeps = {
    profiles,
    resolveAppHost: async (profile) =>
      profile.builtIn ? (await emulator.start()).url : normalizeAppHost(profile.appHost),
    isReservedTestNumber: (profile, phoneNumber) => profile.builtIn && scenarioFor(phoneNumber) !== undefined,
    language,
    cooldown: {
      active: (key) => activeCooldown(cooldownHistory, key, clock()),
      tryAcquire: (key) => inFlight.tryAcquire(key),
      // The history shows sends in flight in another live process sharing the data folder (the CLI
      // beside the app); this process's own are held by the lock above.
      inFlightElsewhere: ({ channel, ...subject }) => cooldownHistory.sendingChannels(subject).includes(channel),
      noteUnrecorded: (key, result) => unrecorded.note(key, result),
    },
    history,
    // Every token that takes part in a send is known to the log's redaction before it can reach a log line.
    prepareSend: (request) => {
      if (request.accessToken) registerSecret(request.accessToken)
      return prepareSendSms(request, { appVersion: version })
    },
    events,
    log,
    operator,
  }

  // Retention runs shortly after start (a first run on a large old history can take seconds, which
  // must not hold up the window) and then daily.
  const applyRetention = (): void => {
    const current = settings.get()
    if (history.applyRetention({ days: current.retentionDays, maxEntries: current.retentionMaxEntries }) > 0) {
      events.emit('history.changed')
    }
  }
  const firstRetention = setTimeout(applyRetention, options.retentionDelayMs ?? 5_000)
  firstRetention.unref()
  const retentionTimer = setInterval(applyRetention, 24 * 60 * 60 * 1000)
  retentionTimer.unref()

  const services: Services = {
    dataDir,
    log,
    events,
    profiles,
    history,
    settings,
    secrets,
    warnings,
    catalog,
    sendDeps,
    emulator,
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
    cooldownFor: ({ profileId, phoneNumber, phoneCountryCode }) => {
      const profile = profiles.get(profileId)
      const report = cooldownReport(
        cooldownHistory,
        { appId: profile.appId, phoneCountryCode: phoneCountryCode ?? null, phoneNumber },
        clock(),
        inFlight,
      )
      return sendDeps.isReservedTestNumber(profile, phoneNumber) ? withoutCooling(report) : report
    },
    dispatch: () => Promise.reject(new Error('not ready')),
    close: async () => {
      clearTimeout(firstRetention)
      clearInterval(retentionTimer)
      await emulator.close()
      history.close()
    },
  }
  services.dispatch = createDispatcher(createHandlers(services), (name, error) => log.error(`${name} failed:`, error))
  return services
}

function safeOperatorName(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown'
  }
}
