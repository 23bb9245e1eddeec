import { join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'

/** The renderer's own origin in the packaged app: `app://console`, not file:// with extra privileges. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://console`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer folder under app://console/, refusing any path that escapes it. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir)
  protocol.handle(APP_SCHEME, (request) => {
    const file = rendererFileFor(root, request.url)
    return file ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 })
  })
}

/**
 * The file inside `root` that an app:// URL names (`/` is index.html), or null for another host, a
 * path that escapes the folder once decoded, or an undecodable one.
 */
export function rendererFileFor(root: string, url: string): string | null {
  const parsed = new URL(url)
  let relative: string
  try {
    relative = decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname)
  } catch {
    return null
  }
  const file = normalize(join(root, relative))
  return parsed.host === 'console' && file.startsWith(root + sep) ? file : null
}
