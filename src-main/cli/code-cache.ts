import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { Script } from 'node:vm'

/** What Node's CommonJS loader hands `Module.prototype._compile`, the step this replaces for the build. */
type LoadingModule = {
  exports: unknown
  require(id: string): unknown
  _compile(content: string, filename: string): unknown
}

type ModuleWrapper = (
  this: unknown,
  exports: unknown,
  require: NodeJS.Require,
  module: LoadingModule,
  filename: string,
  dirname: string,
) => unknown

/** A module to be saved once the command has run, with the kinds of command its entry will hold. */
type Compiled = { script: Script; entry: string; ranBy: readonly string[] }

/** An entry: the kinds of command whose functions it holds, then V8's cached data. */
type Entry = { ranBy: string[]; data: Buffer }

/** Past this many kinds of command an entry is not saved again: each save costs the command a few ms. */
const MAX_KINDS_PER_ENTRY = 12

/**
 * Where a data folder keeps the command line's compiled code for this copy of the build (the installed
 * app and a checkout can share a data folder) and this engine (V8 refuses another version's code).
 */
export function codeCacheDirOf(dataDir: string, codeDir: string): string {
  return join(dataDir, 'code-cache', `${buildKey(codeDir)}-v8-${process.versions.v8}-${process.arch}`)
}

function buildKey(codeDir: string): string {
  return createHash('sha256').update(codeDir).digest('hex').slice(0, 12)
}

/**
 * The kind of command a command line runs, as the cache tells commands apart: its words before the first
 * option, numbers and names left out (`cooldown`, `history show`, `explain` for `explain 2004`).
 */
export function runKindOf(args: readonly string[]): string {
  const firstOption = args.findIndex((arg) => arg.startsWith('-'))
  const words = args.slice(0, firstOption === -1 ? undefined : firstOption)
  return words
    .filter((word) => /^[a-z][a-z-]*$/.test(word))
    .slice(0, 2)
    .join(' ')
}

/**
 * Keeps V8's compiled code for the modules of `codeDir` (the command line's build) in `cacheDir`.
 *
 * Why: every command is a new Node process, which parses and compiles the several hundred kilobytes of
 * JavaScript a command loads anew: about a third of what a read-only command costs beyond a bare
 * `node -e 0` (bench/cli-startup.mjs). Node 20 has no compile cache of its own for CommonJS.
 *
 * How: the build's modules are compiled as Node's loader compiles them (the same wrapper function), but
 * with V8's cached data when there is some. Once the command has run, each module compiled without it
 * is saved with the functions the command ran, so the next command skips compiling those too. A module
 * shared by several commands (zod, commander) is saved again the first time another kind of command
 * (`runKind`, like `cooldown` or `history show`) runs it, with that command's functions added to those
 * it was taken with. Modules outside `codeDir` load as usual.
 *
 * Safety: an entry is named by the SHA-256 of the module's source, since V8 itself only checks the
 * source's length. V8 refuses an entry of another engine version or other flags (then the module is
 * compiled and the entry rewritten). Entries are written whole (a temporary file, then a rename), so a
 * second process reads an old entry or a new one, never half of one. The cache is only ever a shortcut:
 * a missing, damaged or unwritable one costs the compile time and nothing else.
 */
export function cacheCompiledCode(codeDir: string, cacheDir: string, runKind: string): void {
  const prototype = Module.prototype as unknown as LoadingModule
  const compileAsNodeDoes = prototype._compile
  const inBuild = `${codeDir}${sep}`
  const compiled: Compiled[] = []

  prototype._compile = function (this: LoadingModule, content: string, filename: string): unknown {
    if (!filename.startsWith(inBuild)) return compileAsNodeDoes.call(this, content, filename)
    const entry = entryName(relative(codeDir, filename), content)
    const cached = readEntry(join(cacheDir, entry))
    // No import() in these modules (the build makes require() of them): on Node 20 a script taken from
    // V8's cache has lost the callback import() needs.
    const script = new Script(wrap(content), { filename, cachedData: cached?.data })
    if (cached === undefined || script.cachedDataRejected) {
      compiled.push({ script, entry, ranBy: [runKind] })
    } else if (!cached.ranBy.includes(runKind) && cached.ranBy.length < MAX_KINDS_PER_ENTRY) {
      compiled.push({ script, entry, ranBy: [...cached.ranBy, runKind] })
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as ModuleWrapper
    const require = Object.assign((id: string) => this.require(id), Module.createRequire(filename))
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename))
  }

  // 'exit' runs once the command has run, whichever way it ends; only synchronous work is possible there.
  process.once('exit', () => saveEntries(codeDir, cacheDir, compiled))
}

/** Node's CommonJS wrapper, on one line with the source's first, so line numbers in stacks stay true. */
function wrap(content: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${content}\n});`
}

/** `chunks+run-cli-C9ECp4g1.js.<sha-256 of the source>`: the module's path in the build, and its source. */
function entryName(modulePath: string, content: string): string {
  const hash = createHash('sha256').update(content).digest('hex')
  return `${modulePath.split(sep).join('+')}.${hash}`
}

function readEntry(file: string): Entry | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const headerEnd = bytes.indexOf(0x0a)
  if (headerEnd < 0) return undefined
  let ranBy: unknown
  try {
    ranBy = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8'))
  } catch {
    return undefined
  }
  if (!Array.isArray(ranBy) || !ranBy.every((kind) => typeof kind === 'string')) return undefined
  return { ranBy, data: bytes.subarray(headerEnd + 1) }
}

function saveEntries(codeDir: string, cacheDir: string, compiled: readonly Compiled[]): void {
  if (compiled.length === 0) return
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
    for (const { script, entry, ranBy } of compiled) {
      const file = join(cacheDir, entry)
      const partial = `${file}.${process.pid}.partial`
      try {
        const header = Buffer.from(`${JSON.stringify(ranBy)}\n`)
        writeFileSync(partial, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 })
        renameSync(partial, file)
      } finally {
        rmSync(partial, { force: true })
      }
    }
    removeOutdatedEntries(codeDir, cacheDir, compiled)
    removeOtherEngines(codeDir, cacheDir)
  } catch {
    // A read-only or full disk: the next command compiles again, as it would without a cache.
  }
}

/**
 * Keeps the folder to one entry per module of the build: an entry of a module the build no longer has
 * (a rebuild renames its chunks), or of an older source of a module just saved, is removed.
 */
function removeOutdatedEntries(codeDir: string, cacheDir: string, saved: readonly Compiled[]): void {
  const current = new Set(saved.map(({ entry }) => entry))
  const savedModules = new Set(saved.map(({ entry }) => moduleOf(entry)))
  for (const entry of readdirSync(cacheDir)) {
    if (current.has(entry) || entry.endsWith('.partial')) continue
    const module = moduleOf(entry)
    if (savedModules.has(module) || !existsSync(join(codeDir, ...module.split('+')))) {
      rmSync(join(cacheDir, entry), { force: true })
    }
  }
}

function moduleOf(entry: string): string {
  return entry.slice(0, entry.lastIndexOf('.'))
}

/** The same build's code compiled by another engine: left by the Electron or Node version before an update. */
function removeOtherEngines(codeDir: string, cacheDir: string): void {
  const engines = dirname(cacheDir)
  const ours = `${buildKey(codeDir)}-`
  for (const folder of readdirSync(engines)) {
    if (folder.startsWith(ours) && join(engines, folder) !== cacheDir) {
      rmSync(join(engines, folder), { recursive: true, force: true })
    }
  }
}
