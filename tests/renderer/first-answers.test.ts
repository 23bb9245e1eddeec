import { afterEach, describe, expect, it } from 'vitest'
import type { CallName } from '@shared/contract'
import { call, useTransport } from '../../src-renderer/src/api/client'
import { askFirstAnswers, takeFirstAnswer } from '../../src-renderer/src/api/first-answers'
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
  for (const name of ['app.info', 'catalog.get', 'profiles.list', 'settings.get'] as const) takeFirstAnswer(name)
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
