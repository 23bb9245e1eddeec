import type { Handlers } from './contract/dispatcher'
import { ConsoleError } from './contract/errors'
import { registerSecret } from './logging'
import { reproduce } from './reproduce'
import type { Services } from './services'
import { sendSmsForUser } from './sms/send-service'

/** Maps each contract call onto the services; the dispatcher has already parsed the input. */
export function createHandlers(services: Services): Handlers {
  const { profiles, history, settings, events, team } = services
  const teamChanged = (): void => {
    events.emit('team.changed')
    events.emit('history.changed')
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

    // The team's history when a team database is in use, this computer's otherwise.
    'history.query': async ({ filter, cursor, limit }) => (await team.history()).query({ filter, cursor, limit }),
    'history.get': async ({ id, revealPhone }) => (await team.history()).get(id, revealPhone),
    'history.export': async ({ filter, format, revealPhones }) =>
      (await team.history()).export(filter, format, revealPhones),
    'history.clear': async () => {
      await team.refuseClearOfTeam()
      const deleted = history.clear()
      events.emit('history.changed')
      return { deleted }
    },
    'request.reproduce': async ({ entryId }) => {
      // The whole number: a replay to a masked one would not be the same request.
      const { request } = await (await team.history()).get(entryId, true)
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
      // The next call reads from the newly chosen history: no restart needed.
      if (patch.teamDatabase !== undefined) teamChanged()
      return updated
    },

    'team.status': () => team.status(),
    'team.test': ({ config, password }) => team.test(config, password),
    'team.setPassword': async ({ value }) => {
      const status = await team.setPassword(value)
      teamChanged()
      return status
    },
  }
}
