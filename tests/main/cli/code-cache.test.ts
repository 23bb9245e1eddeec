import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { codeCacheDirOf, runKindOf } from '../../../src-main/cli/code-cache'
import { ensureBuilt, projectDir } from '../packaging/built-app'

const run = promisify(execFile)
const tsx = join(projectDir, 'node_modules', '.bin', 'tsx')
const driver = join(__dirname, 'fixtures', 'code-cache-driver.ts')

let root: string
let codeDir: string
let cacheDir: string

/** A module of the "build" whose `result()` says what it was compiled from. */
function writeModule(name: string, body: string): string {
  const file = join(codeDir, name)
  writeFileSync(file, body)
  return file
}

async function load(moduleFile: string, runKind = 'test'): Promise<unknown> {
  const { stdout } = await run(tsx, [driver, codeDir, cacheDir, moduleFile, runKind], { cwd: projectDir })
  return JSON.parse(stdout) as unknown
}

/** The cache's entries, each with the inode it has now: a rewritten entry is a new file. */
function entries(): Map<string, number> {
  if (!existsSync(cacheDir)) return new Map()
  return new Map(readdirSync(cacheDir).map((entry) => [entry, statSync(join(cacheDir, entry)).ino]))
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'code-cache-'))
  codeDir = join(root, 'build')
  cacheDir = join(root, 'cache')
  mkdirSync(join(codeDir, 'chunks'), { recursive: true })
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('the command line keeps its compiled code', () => {
  it('saves a module once and takes it from the cache from then on, with the same results', async () => {
    writeModule(
      'chunks/answer.js',
      'const { basename } = require("node:path")\nexports.result = () => [basename(__filename), 42]\n',
    )
    const entry = writeModule(
      'entry.js',
      'exports.result = () => [require("./chunks/answer.js").result(), module.exports === exports]\n',
    )

    expect(await load(entry)).toEqual([['answer.js', 42], true])
    const first = entries()
    expect([...first.keys()].map((name) => name.replace(/\.[0-9a-f]{64}$/, '')).sort()).toEqual([
      'chunks+answer.js',
      'entry.js',
    ])

    expect(await load(entry)).toEqual([['answer.js', 42], true])
    // Taken as it was: an entry V8 refused or lacked would have been written anew.
    expect(entries()).toEqual(first)
  })

  it('saves a module again, once, for another kind of command, which adds the functions it ran', async () => {
    const file = writeModule('entry.js', 'exports.result = () => process.argv.length\n')
    await load(file, 'history')
    const afterHistory = entries()
    await load(file, 'history')
    expect(entries()).toEqual(afterHistory)

    await load(file, 'cooldown')
    const afterCooldown = entries()
    expect(afterCooldown).not.toEqual(afterHistory)
    await load(file, 'cooldown')
    await load(file, 'history')
    expect(entries()).toEqual(afterCooldown)
  })

  it('never runs the code of an older source, even one of the same length', async () => {
    const file = writeModule('entry.js', 'exports.result = () => "old"\n')
    expect(await load(file)).toBe('old')
    const [oldEntry] = entries().keys()

    writeModule('entry.js', 'exports.result = () => "new"\n')
    expect(await load(file)).toBe('new')
    // One entry per module: the older source's is gone.
    expect([...entries().keys()]).toHaveLength(1)
    expect(entries().has(oldEntry!)).toBe(false)
  })

  it('compiles anew over a damaged entry, and replaces it', async () => {
    const file = writeModule('entry.js', 'exports.result = () => "whole"\n')
    await load(file)
    const [name, inode] = [...entries()][0]!
    writeFileSync(join(cacheDir, name), 'not V8 code at all')

    expect(await load(file)).toBe('whole')
    expect(entries().get(name)).not.toBe(inode)
  })

  it('removes the entries of modules the build no longer has', async () => {
    const gone = writeModule('chunks/gone-A1.js', 'exports.result = () => 1\n')
    await load(gone)
    rmSync(gone)
    const file = writeModule('chunks/kept-B2.js', 'exports.result = () => 2\n')

    expect(await load(file)).toBe(2)
    expect([...entries().keys()].map((name) => name.split('.js.')[0])).toEqual(['chunks+kept-B2'])
  })

  it("removes the code another engine compiled for the same build once this one's is saved", async () => {
    cacheDir = codeCacheDirOf(join(root, 'data'), codeDir)
    const otherEngine = cacheDir.replace(/-v8-.*$/, '-v8-1.2.3-x64')
    const otherBuild = codeCacheDirOf(join(root, 'data'), join(root, 'another-build'))
    for (const folder of [otherEngine, otherBuild]) mkdirSync(folder, { recursive: true })

    expect(await load(writeModule('entry.js', 'exports.result = () => "saved"\n'))).toBe('saved')
    expect(existsSync(cacheDir)).toBe(true)
    expect(existsSync(otherEngine)).toBe(false)
    // Another copy of the build (a checkout beside the installed app) keeps its own.
    expect(existsSync(otherBuild)).toBe(true)
  })

  it('leaves modules outside the build to Node', async () => {
    const outside = join(root, 'outside.js')
    writeFileSync(outside, 'exports.result = () => "outside"\n')
    const file = writeModule('entry.js', `exports.result = () => require(${JSON.stringify(outside)}).result()\n`)

    expect(await load(file)).toBe('outside')
    expect([...entries().keys()].map((name) => name.split('.js.')[0])).toEqual(['entry'])
  })

  it('keeps the line numbers of errors', async () => {
    const file = writeModule(
      'entry.js',
      ['exports.result = () => {', '  return new Error("where").stack.split("\\n")[1]', '}'].join('\n'),
    )
    expect(await load(file)).toMatch(/entry\.js:2:/)
    expect(await load(file)).toMatch(/entry\.js:2:/)
  })

  it('runs the command as usual when the cache cannot be written', async () => {
    // A file where the cache's folder would be: nothing can be saved under it.
    writeFileSync(cacheDir, 'in the way')
    const file = writeModule('entry.js', 'exports.result = () => "ran"\n')
    expect(await load(file)).toBe('ran')
    expect(statSync(cacheDir).isFile()).toBe(true)
  })
})

describe('the kind of command an entry is saved for', () => {
  it.each([
    [['cooldown', '--phone', '13800138000'], 'cooldown'],
    [['history', 'show', '12'], 'history show'],
    [['history', '--limit', '20', 'show'], 'history'],
    [['explain', '2004'], 'explain'],
    [['profiles', 'delete', 'My Profile'], 'profiles delete'],
    [['--help'], ''],
  ])('%j is %j', (args, kind) => {
    expect(runKindOf(args)).toBe(kind)
  })
})

describe('the built command line and its code cache', () => {
  let dataDir: string
  const cli = join(projectDir, 'out', 'main', 'cli.js')
  const runCli = (args: string[], env: NodeJS.ProcessEnv) =>
    run(process.execPath, [cli, ...args], { env: { ...process.env, GENAUTH_SMS_TEAM_DATABASE_URL: '', ...env } })

  beforeEach(async () => {
    await ensureBuilt()
    dataDir = join(root, 'data')
  }, 180_000)

  it('keeps the code of a command in the data folder, and answers the same from it', async () => {
    mkdirSync(dataDir)
    const env = { GENAUTH_SMS_DATA_DIR: dataDir }
    const first = await runCli(['history', '--limit', '5', '--json'], env)
    const cache = codeCacheDirOf(dataDir, join(projectDir, 'out', 'main'))
    const saved = readdirSync(cache)
    expect(saved.some((name) => name.startsWith('chunks+services-'))).toBe(true)

    const second = await runCli(['history', '--limit', '5', '--json'], env)
    expect(second.stdout).toBe(first.stdout)
    expect(readdirSync(cache).sort()).toEqual(saved.sort())
  })

  // On Node 20 a module taken from V8's cache has lost the callback import() needs: the build makes
  // require() of what it loads on first use (electron.vite.config.ts, dynamicImportInCjs).
  it('makes no import() a cached module could not run', () => {
    const files = readdirSync(join(projectDir, 'out', 'main'), { recursive: true, encoding: 'utf8' })
    const dynamicImports = files
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) => {
        const source = readFileSync(join(projectDir, 'out', 'main', file), 'utf8')
        const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
        const found: string[] = []
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
            found.push(`${file}: ${node.getText(tree)}`)
          ts.forEachChild(node, visit)
        }
        visit(tree)
        return found
      })
    expect(dynamicImports).toEqual([])
  })

  it('does not create a data folder that does not exist for a command that needs no data', async () => {
    const { stdout } = await runCli(['channels', '--json'], { GENAUTH_SMS_DATA_DIR: dataDir })
    expect(JSON.parse(stdout)).toHaveLength(11)
    expect(existsSync(dataDir)).toBe(false)
  })
})
