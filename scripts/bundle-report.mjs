// Prints how much JavaScript the renderer's first screen loads (gzipped) against what loads later.
// Run after `npx electron-vite build`; `node scripts/bundle-report.mjs [folder]` (default out/renderer).
import { readdirSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'

// The check fails above LIMIT_BYTES: the figure reached, with a little room. The goal is lower.
const LIMIT_BYTES = 63 * 1024
const GOAL_BYTES = 150 * 1024
const root = process.argv[2] ?? 'out/renderer'

const html = readFileSync(join(root, 'index.html'), 'utf8')
const entries = [
  ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\brel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g),
].map((match) => posix.normalize(match[1].replace(/^\.?\//, '')))

// Static imports between chunks load with the entry; `import("...")` loads later and is not followed.
const staticImport = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\sfrom\s*|)["'](\.\.?\/[^"']+\.js)["']/g
const initial = new Set()
const queue = [...entries]
while (queue.length > 0) {
  const file = queue.pop()
  if (initial.has(file)) continue
  initial.add(file)
  const code = readFileSync(join(root, file), 'utf8')
  for (const [, target] of code.matchAll(staticImport)) queue.push(posix.join(posix.dirname(file), target))
}

const gzipped = (file) => gzipSync(readFileSync(join(root, file))).length
const allChunks = readdirSync(join(root, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => posix.join('assets', name))
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

let initialBytes = 0
let lazyBytes = 0
console.log('Initial (loaded by index.html):')
for (const file of allChunks.filter((name) => initial.has(name))) {
  const size = gzipped(file)
  initialBytes += size
  console.log(`  ${file}  ${kib(size)} gzip`)
}
console.log('Lazy (loaded on first use):')
for (const file of allChunks.filter((name) => !initial.has(name))) {
  const size = gzipped(file)
  lazyBytes += size
  console.log(`  ${file}  ${kib(size)} gzip`)
}
console.log(
  `Initial JavaScript: ${kib(initialBytes)} gzip (limit ${kib(LIMIT_BYTES)}, goal ${kib(GOAL_BYTES)}); lazy: ${kib(lazyBytes)} gzip`,
)
process.exitCode = initialBytes <= LIMIT_BYTES ? 0 : 1
