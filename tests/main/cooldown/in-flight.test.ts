import { describe, expect, it } from 'vitest'
import { InFlightLock, type CooldownKey } from '../../../src-main/cooldown'

const KEY: CooldownKey = {
  appId: 'app-1',
  phoneCountryCode: '+86',
  phoneNumber: '13812345678',
  channel: 'CHANNEL_LOGIN',
}

describe('InFlightLock', () => {
  it('lets one send through at a time for the same app, phone and channel', () => {
    const lock = new InFlightLock()
    const release = lock.tryAcquire(KEY)
    expect(release).toBeTypeOf('function')
    expect(lock.tryAcquire({ ...KEY })).toBeNull()
    expect(lock.isHeld(KEY)).toBe(true)
    release!()
    expect(lock.isHeld(KEY)).toBe(false)
    expect(lock.tryAcquire(KEY)).toBeTypeOf('function')
  })

  it('keeps different channels, phones, country codes and apps apart', () => {
    const lock = new InFlightLock()
    expect(lock.tryAcquire(KEY)).not.toBeNull()
    expect(lock.tryAcquire({ ...KEY, channel: 'CHANNEL_REGISTER' })).not.toBeNull()
    expect(lock.tryAcquire({ ...KEY, phoneNumber: '13812345679' })).not.toBeNull()
    expect(lock.tryAcquire({ ...KEY, phoneCountryCode: '+852' })).not.toBeNull()
    expect(lock.tryAcquire({ ...KEY, appId: 'app-2' })).not.toBeNull()
  })

  it('reads no country code, +86 and +086 as one phone, as GenAuth does', () => {
    const lock = new InFlightLock()
    expect(lock.tryAcquire({ ...KEY, phoneCountryCode: null })).not.toBeNull()
    expect(lock.tryAcquire(KEY)).toBeNull()
    expect(lock.tryAcquire({ ...KEY, phoneCountryCode: '+086' })).toBeNull()
  })

  it('knows a phone by its digits, however it was typed', () => {
    const lock = new InFlightLock()
    expect(lock.tryAcquire(KEY)).not.toBeNull()
    expect(lock.tryAcquire({ ...KEY, phoneNumber: '138 1234-5678' })).toBeNull()
  })

  it('does not confuse keys whose parts run together', () => {
    const lock = new InFlightLock()
    expect(lock.tryAcquire({ ...KEY, appId: 'a', phoneNumber: '12' })).not.toBeNull()
    expect(lock.tryAcquire({ ...KEY, appId: 'a1', phoneNumber: '2' })).not.toBeNull()
  })

  it('frees only its own hold, however often release is called', () => {
    const lock = new InFlightLock()
    const first = lock.tryAcquire(KEY)!
    first()
    const second = lock.tryAcquire(KEY)!
    first()
    expect(lock.tryAcquire(KEY)).toBeNull()
    second()
    expect(lock.isHeld(KEY)).toBe(false)
  })

  it('sends once on a double click', async () => {
    const lock = new InFlightLock()
    let sent = 0
    const click = async (): Promise<'sent' | 'refused'> => {
      const release = lock.tryAcquire(KEY)
      if (!release) return 'refused'
      try {
        await new Promise((resolve) => setTimeout(resolve, 20))
        sent++
        return 'sent'
      } finally {
        release()
      }
    }
    expect(await Promise.all([click(), click()])).toEqual(['sent', 'refused'])
    expect(sent).toBe(1)
    expect(await click()).toBe('sent')
  })
})
