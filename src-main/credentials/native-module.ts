import { keychainFailure, moduleLoadFailure } from './keychain-errors'

/**
 * Loads a backend's native module on first use and remembers the outcome, so a missing or broken binary
 * surfaces as a keychain-unavailable error on use instead of a crash when the app starts.
 */
export function lazyNativeModule<T>(moduleName: string, load: () => Promise<unknown>): () => Promise<T> {
  let loaded: Promise<T> | undefined
  return () => {
    loaded ??= load().then(
      (mod) => ((mod as { default?: T }).default ?? mod) as T,
      (error: unknown) => {
        throw moduleLoadFailure(moduleName, error)
      },
    )
    return loaded
  }
}

/** Runs one keychain operation, turning any failure into a KeychainUnavailableError. */
export async function keychainCall<T>(operation: () => Promise<T>, secret?: string): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    throw keychainFailure(error, secret)
  }
}
