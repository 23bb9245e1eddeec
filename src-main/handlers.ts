import type { TeamDatabaseConfig, TeamSource, TeamStatus } from './contract'
import type { Handlers } from './contract/dispatcher'
import { ConsoleError } from './contract/errors'
import { registerSecret } from './logging'
import { reproduce } from './reproduce'
import type { Services } from './services'
import { sendSmsForUser } from './sms/send-service'
import { TEAM_SCHEMA_VERSION } from './team/migrations'
import { teamDatabaseFromEnv } from './team/team-from-env'
import { teamStatus } from './team/team-status'

/** The keychain account holding the team database's password. */
const TEAM_PASSWORD_ACCOUNT = 'team-database'

/** Maps each contract call onto the services; the dispatcher has already parsed the input. */
export function createHandlers(services: Services): Handlers {
  const { profiles, history, settings, events, secrets } = services
  const statusOf = async (source: TeamSource, config: TeamDatabaseConfig, password: string | null) => ({
    source,
    ...(await teamStatus(config, password)),
    waitingUploads: 0,
    hasPassword: password !== null,
  })
  const currentTeamStatus = async (): Promise<TeamStatus> => {
    const fromEnv = teamDatabaseFromEnv(process.env)
    if (fromEnv) return statusOf('env', fromEnv.config, fromEnv.password)
    const password = await secrets.get(TEAM_PASSWORD_ACCOUNT)
    const config = settings.get().teamDatabase
    if (config) return statusOf('settings', config, password)
    return {
      source: 'off',
      connection: null,
      state: 'off',
      schemaVersion: null,
      neededVersion: TEAM_SCHEMA_VERSION,
      entries: null,
      waitingUploads: 0,
      message: null,
      hasPassword: password !== null,
    }
  }
  const profilesChanged = <T>(value: T): T => {
    events.emit('profiles.changed')
    return value
  }
  return {
    'app.info': () => services.appInfo(),
    'app.dismissWarning': ({ id }) => services.warnings.dismiss(id),
    'catalog.get': () => services.catalog,

    'profiles.list': () => profiles.list(),
    'profiles.create': async ({ fields }) => profilesChanged(await profiles.create(fields)),
    'profiles.update': async ({ id, fields }) => profilesChanged(await profiles.update(id, fields)),
    'profiles.duplicate': async ({ id }) => profilesChanged(await profiles.duplicate(id)),
    'profiles.delete': async ({ id }) => {
      await profiles.delete(id)
      return profilesChanged({})
    },
    'profiles.setActive': async ({ id }) => profilesChanged(await profiles.setActive(id)),
    'profiles.setSecret': async ({ id, kind, value }) => {
      const view = await profiles.setSecret(id, kind, value)
      // Only a value the keychain accepted for a real profile is a secret worth redacting from logs.
      if (value) registerSecret(value)
      return profilesChanged(view)
    },
    'profiles.export': () => ({ json: profiles.exportJson() }),
    'profiles.import': async ({ json }) => profilesChanged({ imported: await profiles.importJson(json) }),
    'keychain.status': () => services.keychainStatus(),

    'sms.send': (input) => sendSmsForUser(services.sendDeps, input),
    'cooldown.forPhone': (input) => services.cooldownFor(input),

    'history.query': ({ filter, cursor, limit }) => history.query({ filter, cursor, limit }),
    'history.get': ({ id, revealPhone }) => history.get(id, revealPhone),
    'history.export': ({ filter, format, revealPhones }) => history.export(filter, format, revealPhones),
    'history.clear': () => {
      const deleted = history.clear()
      events.emit('history.changed')
      return { deleted }
    },
    'request.reproduce': ({ entryId }) => {
      // The whole number: a replay to a masked one would not be the same request.
      const { request } = history.get(entryId, true)
      if (!request) throw new ConsoleError('not-found', `History entry ${entryId} has no recorded request.`)
      return reproduce(request)
    },

    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      // The secrets move first: if the new keychain refuses them, the setting stays as it was.
      if (patch.keychainBackend && patch.keychainBackend !== settings.get().keychainBackend) {
        await services.switchKeychain(patch.keychainBackend)
      }
      const updated = settings.update(patch)
      events.emit('settings.changed')
      if (patch.teamDatabase !== undefined) events.emit('team.changed')
      return updated
    },

    'team.status': () => currentTeamStatus(),
    'team.test': async ({ config, password }) =>
      statusOf('settings', config, password ?? (await secrets.get(TEAM_PASSWORD_ACCOUNT))),
    'team.setPassword': async ({ value }) => {
      if (value === null) await secrets.delete(TEAM_PASSWORD_ACCOUNT)
      else {
        registerSecret(value)
        await secrets.set(TEAM_PASSWORD_ACCOUNT, value)
      }
      events.emit('team.changed')
      return currentTeamStatus()
    },
  }
}
