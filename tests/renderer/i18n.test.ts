import { describe, expect, it } from 'vitest'
import en from '../../src-renderer/src/i18n/en-US'
import enLater from '../../src-renderer/src/i18n/en-US-later'
import zh from '../../src-renderer/src/i18n/zh-CN'
import zhLater from '../../src-renderer/src/i18n/zh-CN-later'

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

const ROOT = '../../src-renderer/src/'
const sources = import.meta.glob<string>('../../src-renderer/src/**/*.{vue,ts}', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The keys a source asks for by name, and the prefixes of those it builds (`channel.${name}.name` gives `channel.`). */
function keysAskedFor(source: string): { named: string[]; built: string[] } {
  return {
    named: [...source.matchAll(/\bt\('([\w.-]+)'/g)].map((match) => match[1]!),
    built: [...source.matchAll(/\bt\(`([\w.-]+)\$\{/g)].map((match) => match[1]!),
  }
}

/** The file a relative import names, among the renderer's sources (whose names start with `../../`). */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = new URL(specifier, `file:///a/b/${from.slice('../../'.length)}`).pathname.replace('/a/b/', '../../')
  return [base, `${base}.ts`, `${base}/index.ts`].find((path) => path in sources)
}

/**
 * The first screen's sources: those the entry reaches through static imports. A dynamic `import()` is a
 * part that loads later, with the rest of the texts (lib/lazy-component.ts waits for them).
 */
function firstScreenSources(): string[] {
  const reached = new Set<string>()
  const queue = [`${ROOT}main.ts`]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (reached.has(file)) continue
    reached.add(file)
    for (const [, specifier] of sources[file]!.matchAll(/^import (?!type )[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const target = resolveImport(file, specifier!)
      if (target) queue.push(target)
    }
  }
  return [...reached]
}

describe('the UI texts', () => {
  it('exist in both languages, and differ where the language shows', () => {
    expect(keysOf(zh).sort()).toEqual(keysOf(en).sort())
    expect(keysOf(zhLater).sort()).toEqual(keysOf(enLater).sort())
    expect(zh.nav.send).not.toBe(en.nav.send)
  })

  it('are split in two parts that share no section, so merging the second changes none of the first', () => {
    const first = Object.keys(en)
    expect(Object.keys(enLater).filter((section) => first.includes(section))).toEqual([])
  })

  it('cover every key the code asks for by name', () => {
    const known = new Set([...keysOf(en), ...keysOf(enLater)])
    const used = Object.values(sources).flatMap((source) => keysAskedFor(source).named)
    expect(used.length).toBeGreaterThan(100)
    expect(used.filter((key) => !known.has(key))).toEqual([])
  })

  it('of the first screen are all in its part, which loads with the entry', () => {
    const files = firstScreenSources()
    // The walk follows the entry into the shell and the send form, and stops at the parts loaded later.
    expect(files).toContain(`${ROOT}views/SendView.vue`)
    expect(files).toContain(`${ROOT}components/PhoneInput.vue`)
    expect(files).not.toContain(`${ROOT}views/HistoryView.vue`)
    expect(files).not.toContain(`${ROOT}components/ResultPanel.vue`)

    const known = new Set(keysOf(en))
    const sections = new Set(Object.keys(en).map((section) => `${section}.`))
    const asked = files.map((file) => keysAskedFor(sources[file]!))
    const named = asked.flatMap(({ named }) => named)
    const built = asked.flatMap(({ built }) => built)
    expect(named.length).toBeGreaterThan(40)
    expect(named.filter((key) => !known.has(key))).toEqual([])
    expect(built.length).toBeGreaterThan(5)
    expect(built.filter((prefix) => ![...sections].some((section) => prefix.startsWith(section)))).toEqual([])
  })

  it('avoid the characters vue-i18n would read as message syntax', () => {
    const all = JSON.stringify([en, enLater, zh, zhLater])
    expect(all).not.toMatch(/[@|$]/)
  })
})
