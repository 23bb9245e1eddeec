import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../../src-main/events'
import { registerIpc } from '../../../src-main/electron/ipc'
import { createFakeElectron, FakeBrowserWindow, useFakeElectron, type FakeElectron } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule())

const APP_ORIGIN = 'app://console'
let electron: FakeElectron
let dispatched: unknown[][]

function invoke(event: object, input: unknown = {}): unknown {
  const handler = electron.handlers.get('rpc:profiles.list')
  if (!handler) throw new Error('profiles.list is not registered')
  return handler(event, input)
}

/** An invoke event from the main frame of an app window showing `url`. */
function eventFrom(window: FakeBrowserWindow, url: string): { sender: unknown; senderFrame: unknown } {
  window.webContents.mainFrame.url = url
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame }
}

beforeEach(() => {
  electron = useFakeElectron(createFakeElectron('/unused'))
  dispatched = []
  registerIpc(
    async (name, input) => {
      dispatched.push([name, input])
      return { ok: true, value: null }
    },
    new EventBus(),
    () => APP_ORIGIN,
  )
})

describe('IPC sender checks', () => {
  it('serves the main frame of an app window on the app’s origin', async () => {
    const window = new FakeBrowserWindow({})
    expect(await invoke(eventFrom(window, `${APP_ORIGIN}/index.html`), { x: 1 })).toEqual({ ok: true, value: null })
    expect(dispatched).toEqual([['profiles.list', { x: 1 }]])
  })

  it.each([
    ['another origin in the window', 'https://attacker.example/', 'own origin'],
    ['a look-alike app:// host', 'app://console.attacker/index.html', 'own origin'],
    ['a file: page', 'file:///tmp/index.html', 'own origin'],
  ])('refuses %s', async (_what, url, reason) => {
    const window = new FakeBrowserWindow({})
    const answer = await invoke(eventFrom(window, url))
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(JSON.stringify(answer)).toContain(reason)
    expect(dispatched).toEqual([])
  })

  it('refuses a subframe, even on the app’s origin', async () => {
    const window = new FakeBrowserWindow({})
    window.webContents.mainFrame.url = `${APP_ORIGIN}/index.html`
    const subframe = { url: `${APP_ORIGIN}/index.html` }
    expect(await invoke({ sender: window.webContents, senderFrame: subframe })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender', message: expect.stringContaining('main frame') },
    })
    expect(await invoke({ sender: window.webContents, senderFrame: null })).toMatchObject({ ok: false })
    expect(dispatched).toEqual([])
  })

  it('refuses web contents that belong to no app window', async () => {
    const stray = { mainFrame: { url: `${APP_ORIGIN}/index.html` } }
    expect(await invoke({ sender: stray, senderFrame: stray.mainFrame })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender', message: expect.stringContaining('own windows') },
    })
    expect(dispatched).toEqual([])
  })
})
