import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, projectDir } from './built-app'

const assets = join(projectDir, 'out', 'renderer', 'assets')

/** The static imports of a built chunk, in the order they are evaluated. */
function importsOf(chunk: string): string[] {
  const source = readFileSync(join(assets, chunk), 'utf8')
  return [...source.matchAll(/import(?:\{[^}]*\}from)?\s*"\.\/([^"]+)"/g)].map((match) => match[1]!)
}

// The window's first script asks main for the first screen's answers. It gains only if it runs before Vue
// and the app's code are evaluated: the entry must import its chunk first, and that chunk nothing else.
describe("the renderer's first script", () => {
  let html: string
  let entry: string
  beforeAll(async () => {
    await ensureBuilt()
    html = readFileSync(join(projectDir, 'out', 'renderer', 'index.html'), 'utf8')
    entry = /<script type="module" crossorigin[^>]*src="\.\/assets\/([^"]+)"/.exec(html)![1]!
  }, 180_000)

  // Imported by the entry only, it would wait until all of the entry's code had arrived and been compiled.
  it('is a script of the page of its own, which runs as soon as it arrives', () => {
    const scripts = [...html.matchAll(/<script ([^>]*)><\/script>/g)].map((match) => match[1]!)
    const own = scripts.find((attributes) => /src="\.\/assets\/ask-first-[\w-]+\.js"/.test(attributes))
    expect(own).toMatch(/type="module"/)
    expect(own).toMatch(/\basync\b/)
    // The same file the entry imports, so it runs once whichever asks for it first.
    expect(own).toContain(`src="./assets/${importsOf(entry)[0]}"`)
  })

  it('is the first chunk the entry imports', () => {
    expect(importsOf(entry)[0]).toMatch(/^ask-first-[\w-]+\.js$/)
  })

  it('imports no other chunk, so nothing runs before it', () => {
    expect(importsOf(importsOf(entry)[0]!)).toEqual([])
  })
})
