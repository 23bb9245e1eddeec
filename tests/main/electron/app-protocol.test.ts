import { join, normalize } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { rendererFileFor, serveRenderer } from '../../../src-main/electron/app-protocol'
import { createFakeElectron, useFakeElectron } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule())

const root = normalize('/opt/app/resources/app.asar/out/renderer')

describe('app:// path resolution', () => {
  it('maps the root to index.html and other paths to files inside the renderer folder', () => {
    expect(rendererFileFor(root, 'app://console/')).toBe(join(root, 'index.html'))
    expect(rendererFileFor(root, 'app://console/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(rendererFileFor(root, 'app://console/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'))
  })

  it('stays inside the folder when the URL itself climbs: URL parsing drops the parent steps first', () => {
    expect(rendererFileFor(root, 'app://console/%2e%2e/%2e%2e/main/index.js')).toBe(join(root, 'main', 'index.js'))
    expect(rendererFileFor(root, 'app://console/.')).toBe(join(root, 'index.html'))
  })

  it.each([
    ['encoded slashes around a parent step', 'app://console/assets%2f..%2f..%2f..%2fpackage.json'],
    ['an undecodable escape', 'app://console/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
  ])('refuses %s', (_what, url) => {
    expect(rendererFileFor(root, url)).toBeNull()
  })

  it('answers 404 through the protocol handler instead of reading outside the folder', async () => {
    const electron = useFakeElectron(createFakeElectron('/unused'))
    electron.net.fetch.mockResolvedValue(new Response('file'))
    serveRenderer(root)
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] as [
      string,
      (request: Request) => Promise<Response>,
    ]
    expect(scheme).toBe('app')
    expect((await handler(new Request('app://console/assets%2f..%2f..%2fmain%2findex.js'))).status).toBe(404)
    expect((await handler(new Request('app://console/%E0%A4%A'))).status).toBe(404)
    expect(electron.net.fetch).not.toHaveBeenCalled()
    expect((await handler(new Request('app://console/index.html'))).status).toBe(200)
    expect(electron.net.fetch).toHaveBeenCalledWith(`file://${join(root, 'index.html')}`)
  })
})
