import type { Handlers } from './contract/dispatcher'
import { ConsoleError } from './contract/errors'
import { registerSecret } from './logging'
import { reproduce } from './reproduce'
import type { Services } from './services'
import { sendSmsForUser } from './sms/send-service'

/** Maps each contract call onto the services; the dispatcher has already parsed the input. */
export function createHandlers(services: Services): Handlers {
  // The services announce their own changes to every window; handlers only answer the call.
  const { profiles, history, settings } = services
  return {
    'app.info': () => services.appInfo(),
    'app.dismissWarning': ({ id }) => services.warnings.dismiss(id),
    'catalog.get': () => services.catalog,

    'profiles.list': () => profiles.list(),
    'profiles.create': ({ fields }) => profiles.create(fields),
    'profiles.update': ({ id, fields }) => profiles.update(id, fields),
    'profiles.duplicate': ({ id }) => profiles.duplicate(id),
    'profiles.delete': ({ id }) => profiles.delete(id),
    'profiles.setActive': ({ id }) => profiles.setActive(id),
    'profiles.setSecret': async ({ id, kind, value }) => {
      const view = await profiles.setSecret(id, kind, value)
      // Only a value the keychain accepted for a real profile is a secret worth redacting from logs.
      if (value) registerSecret(value)
      return view
    },
    'profiles.export': () => ({ json: profiles.exportJson() }),
    'profiles.import': ({ json }) => ({ imported: profiles.importJson(json) }),
    'keychain.status': () => services.keychainStatus(),

    'sms.send': (input) => sendSmsForUser(services.sendDeps, input),
    'cooldown.forPhone': (input) => services.cooldownFor(input),

    'history.query': ({ filter, cursor, limit }) => history.query({ filter, cursor, limit }),
    'history.get': ({ id, revealPhone }) => history.get(id, revealPhone),
    'history.export': ({ filter, format, revealPhones }) => history.export(filter, format, revealPhones),
    'history.clear': () => ({ deleted: history.clear() }),
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
      return settings.update(patch)
    },
  }
}
