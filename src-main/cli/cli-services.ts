import { defaultDataDir } from '../app-paths'
import type { CallInput, CallName, CallOutput, Language, ProfileView } from '../shared/contract'
import type { Dispatch } from '../dispatch/dispatcher'
import type { Services } from '../services'
import { CliError } from './cli-error'
import type { CliIo } from './cli-io'

/**
 * Runs one command through the app's own dispatch, over the app's services on the app's data folder.
 * An ad-hoc profile, when given, stands in beside the stored ones.
 */
export async function withDispatch<T>(
  io: CliIo,
  run: (dispatch: Dispatch) => Promise<T>,
  standIn?: ProfileView,
): Promise<T> {
  const { createDispatch } = await import('../dispatch/create-dispatch')
  return withServices(io, (services) => run(createDispatch(services, { standIn })))
}

/**
 * Opens the app's services for one command and closes them afterwards (the embedded emulator and the
 * database would otherwise keep the process alive). The team commands use it directly: they need the
 * team database's password, which no contract call gives out.
 */
export async function withServices<T>(io: CliIo, run: (services: Services) => Promise<T>): Promise<T> {
  // Loaded on first use: commands that need no services (channels, explain, --help) start without
  // libsql, the keychain modules, the logger and the emulator.
  const { createServices } = await import('../services')
  const services = await createServices({
    dataDir: io.dataDir ?? defaultDataDir(io.env),
    mode: 'cli',
    osLanguage: osLanguageOf(io.env),
    env: io.env,
  })
  try {
    return await run(services)
  } finally {
    await services.close()
  }
}

/** One contract call through a dispatcher, so the CLI's input is validated exactly like the UI's. */
export async function call<N extends CallName>(
  dispatch: Dispatch,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const envelope = await dispatch(name, input)
  if (!envelope.ok) throw CliError.fromCall(envelope.error)
  return envelope.value as CallOutput<N>
}

/** The language the user's locale variables ask for, as the desktop app reads the OS locale. */
export function osLanguageOf(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US'
}
