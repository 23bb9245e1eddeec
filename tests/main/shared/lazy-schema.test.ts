import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { lazySchema } from '../../../src-main/shared/contract/lazy-schema'
import { SettingsPatch } from '../../../src-main/shared/contract'

describe('a schema built on first use', () => {
  it('is not built until it checks a value, and then only once', () => {
    let builds = 0
    const Point = lazySchema(() => {
      builds += 1
      return z.strictObject({ x: z.number(), y: z.number() })
    })
    const Line = lazySchema(() => z.object({ from: Point, to: Point.optional() }))
    expect(builds).toBe(0)

    expect(Line.parse({ from: { x: 1, y: 2 } })).toEqual({ from: { x: 1, y: 2 } })
    expect(Point.safeParse({ x: 1, y: 2, z: 3 }).success).toBe(false)
    expect(Point.unwrap().shape.x).toBeInstanceOf(z.ZodNumber)
    expect(Point.unwrap()).toBe(Point.unwrap())
    expect(builds).toBe(1)
  })

  it('reports the same issues as the schema it builds', () => {
    const eager = z.strictObject({ name: z.string().min(1, 'give it a name') })
    const lazy = lazySchema(() => z.strictObject({ name: z.string().min(1, 'give it a name') }))
    for (const value of [{ name: '' }, { name: 'a', extra: 1 }, null]) {
      expect(lazy.safeParse(value).error?.issues).toEqual(eager.safeParse(value).error?.issues)
    }
  })

  it('derives a strict partial schema from a lazy one', () => {
    expect(SettingsPatch.parse({ theme: 'dark' })).toEqual({ theme: 'dark' })
    expect(SettingsPatch.safeParse({ theme: 'dark', colour: 'red' }).success).toBe(false)
  })
})
