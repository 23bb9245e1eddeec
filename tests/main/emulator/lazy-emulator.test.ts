import { describe, expect, it } from 'vitest'
import { LazyEmulator } from '../../../src-main/emulator/lazy-emulator'
import { post } from './post'

const APP = 'lazy-app'

describe('LazyEmulator', () => {
  it('listens only once started, and concurrent first starts share one emulator', async () => {
    const lazy = new LazyEmulator({ appIds: [APP] })
    expect(lazy.running).toBeNull()
    const [first, second] = await Promise.all([lazy.start(), lazy.start()])
    expect(second).toBe(first)
    expect(lazy.running).toBe(first)
    const answer = await post(
      first.url,
      { channel: 'CHANNEL_LOGIN', phoneNumber: '10000000200' },
      { 'x-authing-app-id': APP },
    )
    expect(answer.json?.statusCode).toBe(200)

    await lazy.close()
    expect(lazy.running).toBeNull()
    await expect(fetch(first.url)).rejects.toThrow()
  })

  it('closes cleanly when it was never started', async () => {
    await expect(new LazyEmulator({ appIds: [APP] }).close()).resolves.toBeUndefined()
  })

  it('tries again after a start that failed', async () => {
    const taken = new LazyEmulator({ appIds: [APP] })
    const { port } = await taken.start()
    const lazy = new LazyEmulator({ appIds: [APP], port })
    await expect(lazy.start()).rejects.toThrow(/EADDRINUSE/)
    await taken.close()
    expect((await lazy.start()).port).toBe(port)
    await lazy.close()
  })
})
