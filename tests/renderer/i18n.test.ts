import { describe, expect, it } from 'vitest'
import en from '../../src-renderer/src/i18n/en-US'
import zh from '../../src-renderer/src/i18n/zh-CN'

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

const sources = import.meta.glob<string>('../../src-renderer/src/**/*.{vue,ts}', {
  query: '?raw',
  import: 'default',
  eager: true,
})

describe('the UI texts', () => {
  it('exist in both languages, and differ where the language shows', () => {
    expect(keysOf(zh).sort()).toEqual(keysOf(en).sort())
    expect(zh.nav.send).not.toBe(en.nav.send)
  })

  it('cover every key the code asks for by name', () => {
    const known = new Set(keysOf(en))
    const used = Object.values(sources).flatMap((source) =>
      [...source.matchAll(/\bt\('([\w.-]+)'/g)].map((match) => match[1]!),
    )
    expect(used.length).toBeGreaterThan(100)
    expect(used.filter((key) => !known.has(key))).toEqual([])
  })

  it('avoid the characters vue-i18n would read as message syntax', () => {
    const all = JSON.stringify([en, zh])
    expect(all).not.toMatch(/[@|$]/)
  })
})
