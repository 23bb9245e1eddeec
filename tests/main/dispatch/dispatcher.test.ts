import { describe, expect, it } from 'vitest'
import { CALL_NAMES, calls, ConsoleError } from '../../../src-main/shared/contract'
import { createDispatcher, type Handlers } from '../../../src-main/dispatch/dispatcher'

const list = { profiles: [], activeId: 'local-sandbox' }

function dispatcherWith(overrides: Partial<Handlers>, onInternalError?: (name: string, error: unknown) => void) {
  const notHere = () => {
    throw new Error('not part of this test')
  }
  const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, overrides[name] ?? notHere])) as Handlers
  return createDispatcher(handlers, onInternalError)
}

describe('createDispatcher', () => {
  it('declares a schema pair for every call name', () => {
    expect(Object.keys(calls).sort()).toEqual([...CALL_NAMES].sort())
  })

  it('passes the parsed input, defaults applied, to the handler and returns its output', async () => {
    let received: unknown
    const dispatch = dispatcherWith({
      'history.get': (input) => {
        received = input
        throw new ConsoleError('not-found', 'No entry 7.')
      },
      'profiles.list': () => list,
    })
    expect(await dispatch('profiles.list', {})).toEqual({ ok: true, value: list })
    expect(await dispatch('history.get', { id: 7 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No entry 7.', issues: undefined },
    })
    expect(received).toEqual({ id: 7, revealPhone: false })
  })

  it('refuses unknown calls, including prototype names', async () => {
    const dispatch = dispatcherWith({})
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 42, null]) {
      const result = await dispatch(name, {})
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error.code).toBe('unknown-call')
    }
  })

  it('refuses malformed input with the schema issues, without calling the handler', async () => {
    let called = false
    const dispatch = dispatcherWith({
      'sms.send': () => {
        called = true
        throw new Error('unreachable')
      },
    })
    const result = await dispatch('sms.send', { profileId: '', channel: 'CHANNEL_SPAM', phoneNumber: 1, extra: true })
    expect(called).toBe(false)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-input')
    const paths = result.error.issues?.map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['profileId', 'channel', 'phoneNumber']))
  })

  it('hides an unexpected failure behind a generic message and reports it', async () => {
    const reported: string[] = []
    const dispatch = dispatcherWith(
      {
        'profiles.list': () => {
          throw new Error('secret-looking internal detail')
        },
      },
      (name) => reported.push(name),
    )
    const result = await dispatch('profiles.list', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'profiles.list failed unexpectedly; the log has the details.' },
    })
    expect(reported).toEqual(['profiles.list'])
  })

  it('checks outputs too, so a stray field never reaches the renderer', async () => {
    const dispatch = dispatcherWith({
      'profiles.list': () => ({ ...list, appSecret: 'leak' }) as typeof list,
    })
    const result = await dispatch('profiles.list', {})
    expect(result).toEqual({ ok: true, value: list })
  })
})
