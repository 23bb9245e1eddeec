import { createRequire } from 'node:module'

const requireHere = createRequire(import.meta.url)

/**
 * A package loaded on first use rather than at start: a command-line call only pays for the modules
 * its work touches. For synchronous callers; asynchronous ones use `await import()`, and a Node built-in
 * `process.getBuiltinModule` (this file's `import.meta.url` is not there where Playwright loads main's
 * modules as CommonJS).
 */
export function lazyModule<T>(id: string, onLoad?: (loaded: T) => void): () => T {
  let loaded: T | undefined
  return () => {
    if (loaded === undefined) {
      const value = requireHere(id) as T
      onLoad?.(value)
      loaded = value
    }
    return loaded
  }
}
