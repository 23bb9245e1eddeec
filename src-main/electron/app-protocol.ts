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
    const url = new URL(request.url)
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    const file = normalize(join(root, relative))
    if (url.host !== 'console' || !file.startsWith(root + sep)) {
      return new Response('Not found', { status: 404 })
    }
    return net.fetch(pathToFileURL(file).toString())
  })
}
