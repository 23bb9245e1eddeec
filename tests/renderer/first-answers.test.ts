import { afterEach, describe, expect, it } from 'vitest'
import type { CallName } from '@shared/contract'
import { FIRST_CALLS } from '@shared/first-calls'
import { call, useTransport } from '../../src-renderer/src/api/client'
import { askFirstAnswers, takeFirstAnswer } from '../../src-renderer/src/api/first-answers'
import { browserTransport } from '../../src-renderer/src/api/transport'
import { baseHandlers, FakeMain, SETTINGS } from './support/fake-main'

type Bridge = Record<string, unknown>

/** A preload bridge answering every call through `main`, as Electron's would. */
function bridgeTo(main: FakeMain): Bridge {
  return new Proxy<Bridge>(
    {},
    {
      get: (_, name: string) =>
        name === 'onEvent' ? () => () => undefined : (input: unknown) => main.invoke(name as CallName, input),
    },
  )
}

afterEach(() => {
  delete (window as { api?: unknown }).api
  for (const name of FIRST_CALLS) takeFirstAnswer(name)
})

describe("the window's first answers", () => {
  it('are asked for at once, before any store loads, and each is handed out once', async () => {
    const early = new FakeMain(baseHandlers())
    Object.assign(window, { api: bridgeTo(early) })
    askFirstAnswers()
    expect(early.calls.map((made) => made.name)).toEqual(['app.info', 'catalog.get', 'profiles.list', 'settings.get'])

    // The window's own transport is another: what it answers shows whether a call went out again.
    const later = new FakeMain({ ...baseHandlers(), 'settings.get': () => ({ ...SETTINGS, retentionDays: 7 }) })
    useTransport(later)
    expect(await call('settings.get', {})).toEqual(SETTINGS)
    expect(later.calls).toEqual([])
    // Handed out once: the next ask goes to main.
    expect((await call('settings.get')).retentionDays).toBe(7)
    expect(later.calls.map((made) => made.name)).toEqual(['settings.get'])
  })

  it("carry main's refusal to the call that takes them", async () => {
    // No handler for app.info: main refuses it.
    const { ['app.info']: _, ...withoutInfo } = baseHandlers()
    Object.assign(window, { api: bridgeTo(new FakeMain(withoutInfo)) })
    askFirstAnswers()
    const later = new FakeMain(baseHandlers())
    useTransport(later)
    await expect(call('app.info', {})).rejects.toMatchObject({ name: 'CallFailure', error: { code: 'unknown-call' } })
    expect(later.calls).toEqual([])
  })
})

describe("browser mode's first answers", () => {
  /** A host that answers every request with `status` and `body`; records what it was asked. */
  function hostAnswering(status: number, body: string) {
    const asked: Array<{ path: string; token: string | null }> = []
    const fetcher = (async (path: string, init?: RequestInit) => {
      asked.push({ path, token: new Headers(init?.headers).get('x-console-token') })
      return new Response(body, { status })
    }) as typeof fetch
    return { asked, fetcher }
  }

  it('come in one request with the token, each call taking its own answer', async () => {
    const answers = {
      'app.info': { ok: true, value: 'info' },
      'catalog.get': { ok: true, value: 'catalog' },
      'profiles.list': { ok: true, value: 'profiles' },
      'settings.get': { ok: true, value: 'settings' },
    }
    const { asked, fetcher } = hostAnswering(200, JSON.stringify(answers))
    const together = browserTransport('run-token', fetcher).askFirst!()
    for (const name of FIRST_CALLS) expect(await together[name]).toEqual(answers[name])
    expect(asked).toEqual([{ path: '/first-answers', token: 'run-token' }])
  })

  it("give every call the host's refusal of the request", async () => {
    const refusal = { ok: false, error: { code: 'forbidden-sender', key: 'wrongToken', params: {}, message: 'No.' } }
    const together = browserTransport('stale', hostAnswering(401, JSON.stringify(refusal)).fetcher).askFirst!()
    for (const answer of Object.values(together)) expect(await answer).toEqual(refusal)
  })

  it('say so in every call when the host answers without a result', async () => {
    const together = browserTransport('t', hostAnswering(502, '<html>Bad gateway</html>').fetcher).askFirst!()
    for (const answer of Object.values(together)) {
      expect(await answer).toMatchObject({ ok: false, error: { key: 'hostAnsweredNoResult', params: { status: 502 } } })
    }
  })
})
