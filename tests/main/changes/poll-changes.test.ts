import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { pollChanges } from '../../../src-main/changes/poll-changes'

describe('polling stamps', () => {
  it('calls a source once per moved stamp, and keeps polling the others when one cannot be read', async () => {
    let stamp = 1
    let changes = 0
    const errors: unknown[] = []
    const stop = pollChanges(
      [
        {
          stamp: () => {
            throw new Error('busy')
          },
          changed: () => undefined,
        },
        { stamp: () => stamp, changed: () => changes++ },
      ],
      { intervalMs: 20, onError: (error) => errors.push(error) },
    )
    await sleep(100)
    expect(changes).toBe(0)
    stamp = 2
    await sleep(100)
    stop()
    expect(changes).toBe(1)
    expect(errors.length).toBeGreaterThan(1)
    expect(errors.every((error) => (error as Error).message === 'busy')).toBe(true)
  })

  it('reports a source whose reaction fails, and stops when told', async () => {
    let stamp = 1
    const errors: unknown[] = []
    const stop = pollChanges(
      [
        {
          stamp: () => stamp,
          changed: () => {
            throw new Error('cannot announce')
          },
        },
      ],
      { intervalMs: 20, onError: (error) => errors.push(error) },
    )
    stamp = 2
    await sleep(100)
    stop()
    stamp = 3
    await sleep(100)
    expect(errors.map((error) => (error as Error).message)).toEqual(['cannot announce'])
  })
})
