import { describe, expect, it } from 'vitest'
import type { ConsoleEvent } from '../../src-main/contract'
import { EventBus } from '../../src-main/events'

const CHANGE: ConsoleEvent = { name: 'history.changed', change: 'recorded', entryId: 1 }

describe('the event bus', () => {
  it('tells every other listener when one cannot be told, and reports that one', () => {
    const problems: unknown[] = []
    const bus = new EventBus((error) => problems.push(error))
    const heard: ConsoleEvent[] = []
    bus.subscribe(() => {
      throw new Error('window gone')
    })
    bus.subscribe((event) => heard.push(event))
    expect(() => bus.emit(CHANGE)).not.toThrow()
    expect(heard).toEqual([CHANGE])
    expect(problems.map((error) => (error as Error).message)).toEqual(['window gone'])
  })

  it('refuses an event its schema does not describe, before any window hears it', () => {
    const bus = new EventBus()
    const heard: unknown[] = []
    bus.subscribe((event) => heard.push(event))
    const unknownChange = { name: 'history.changed', change: 'rewritten', entryId: null } as unknown as ConsoleEvent
    expect(() => bus.emit(unknownChange)).toThrow()
    const withSecret = { ...CHANGE, appSecret: 'never' } as unknown as ConsoleEvent
    expect(() => bus.emit(withSecret)).toThrow()
    expect(heard).toEqual([])
  })
})
