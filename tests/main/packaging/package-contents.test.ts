import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILD_ENTRIES, ensureBuilt, projectDir, runNode } from './built-app'
import { createElectronStandIn } from './electron-stand-in'
import { packageNamesInPath, productionPackageNames, readManifest } from './production-packages'

// Packages the app with the project's own electron-builder.yml, offline: a stand-in Electron
// distribution replaces the download, so everything except the Electron binary itself is real.

const runFile = promisify(execFile)
const EXECUTABLE_NAME = 'genauth-sms-console'
const NATIVE_PACKAGES = {
  keytar: /^\/node_modules\/keytar\/.*\.node$/,
  libsql: /^\/node_modules\/@libsql\/[^/]+\/.*\.node$/,
  '@napi-rs/keyring': /^\/node_modules\/@napi-rs\/keyring-[^/]+\/.*\.node$/,
}

const CONFIGURED_FUSES: ReadonlyArray<readonly [FuseV1Options, FuseState]> = [
  [FuseV1Options.RunAsNode, FuseState.ENABLE],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FuseState.DISABLE],
  [FuseV1Options.EnableNodeCliInspectArguments, FuseState.DISABLE],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FuseState.ENABLE],
  [FuseV1Options.OnlyLoadAppFromAsar, FuseState.ENABLE],
  [FuseV1Options.EnableCookieEncryption, FuseState.ENABLE],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, FuseState.DISABLE],
]

let workDir: string
let appOutDir: string
let asarPath: string
let asarFiles: string[]
let standInFuses: Awaited<ReturnType<typeof getCurrentFuseWire>>

function isArchivedFile(path: string): boolean {
  return !('files' in statFile(asarPath, path.slice(1)))
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

beforeAll(async () => {
  await ensureBuilt()
  workDir = mkdtempSync(join(tmpdir(), 'packaging-test-'))
  const electronDist = createElectronStandIn(join(workDir, 'electron-dist'))
  standInFuses = await getCurrentFuseWire(join(electronDist, 'electron'))
  const outputDir = join(workDir, 'dist')
  await runNode(
    [
      join(projectDir, 'node_modules/electron-builder/cli.js'),
      '--linux',
      '--dir',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${outputDir}`,
    ],
    'electron-builder --dir',
  )
  const unpacked = readdirSync(outputDir).find((name) => /^linux(-\w+)?-unpacked$/.test(name))
  if (!unpacked) throw new Error(`no linux-*-unpacked folder in ${readdirSync(outputDir).join(', ')}`)
  appOutDir = join(outputDir, unpacked)
  asarPath = join(appOutDir, 'resources', 'app.asar')
  asarFiles = listPackage(asarPath, { isPack: false }).map((path) => path.split(sep).join('/'))
}, 300_000)

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

describe('the packaged app', () => {
  it('holds the main, preload and renderer bundles, its package.json and node_modules, nothing else', () => {
    const topLevel = new Set(asarFiles.map((path) => path.split('/')[1]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json'])
    for (const entry of BUILD_ENTRIES) expect(asarFiles).toContain(`/${entry}`)

    // Exactly what electron-vite built, minus the source maps.
    const builtFiles = ['main', 'preload', 'renderer']
      .flatMap((part) => filesUnder(join(projectDir, 'out', part)))
      .map((file) => `/${relative(projectDir, file).split(sep).join('/')}`)
      .filter((path) => !path.endsWith('.map'))
    const packagedFiles = asarFiles.filter((path) => path.startsWith('/out/') && isArchivedFile(path))
    expect(packagedFiles.sort()).toEqual(builtFiles.sort())
  })

  it('has no source maps, TypeScript sources or tests', () => {
    expect(asarFiles.filter((path) => /\.(map|ts|mts|cts)$/.test(path))).toEqual([])
    expect(asarFiles.filter((path) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path))).toEqual([])
    expect(asarFiles.filter((path) => /^\/(tests|e2e|src-main|src-renderer)(\/|$)/.test(path))).toEqual([])
  })

  it('carries no devDependency and nothing outside the production dependency tree', () => {
    const packaged = new Set(asarFiles.flatMap(packageNamesInPath))
    const devDependencies = Object.keys(readManifest(projectDir).devDependencies ?? {})
    expect(devDependencies).toEqual(expect.arrayContaining(['electron', 'vue', 'naive-ui', 'vitest', 'typescript']))
    expect(devDependencies.filter((name) => packaged.has(name))).toEqual([])

    const production = productionPackageNames(projectDir)
    expect([...packaged].filter((name) => !production.has(name))).toEqual([])
    for (const name of Object.keys(readManifest(projectDir).dependencies ?? {})) expect(packaged).toContain(name)
  })

  it('ships a package.json that starts the main bundle and lists no devDependencies', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>
    expect(manifest.main).toBe('out/main/index.js')
    expect(manifest.devDependencies).toBeUndefined()
    expect(manifest.scripts).toBeUndefined()
    expect(manifest.desktopName).toBe(`${EXECUTABLE_NAME}.desktop`)
  })

  it('unpacks the native modules of keytar, libsql and @napi-rs/keyring next to the archive', () => {
    const nativeFiles = asarFiles.filter((path) => path.endsWith('.node'))
    for (const [name, pattern] of Object.entries(NATIVE_PACKAGES)) {
      expect(
        nativeFiles.filter((path) => pattern.test(path)),
        `${name} native module`,
      ).not.toEqual([])
    }
    // Electron on Linux is glibc-only: libsql's musl build is left out.
    expect(nativeFiles.filter((path) => path.includes('-musl'))).toEqual([])
    for (const path of nativeFiles) {
      // A native module is loaded from a real file beside the archive, never from inside it.
      expect(statFile(asarPath, path.slice(1)), path).toMatchObject({ unpacked: true })
      expect(existsSync(join(`${asarPath}.unpacked`, path)), path).toBe(true)
    }
  })

  it('loads every dependency and every module the bundles require from the packaged files', async () => {
    const extracted = join(workDir, 'extracted')
    extractAll(asarPath, extracted)
    const dependencies = Object.keys(readManifest(projectDir).dependencies ?? {})
    const required = ['main', 'preload']
      .flatMap((part) => filesUnder(join(extracted, 'out', part)))
      .filter((file) => file.endsWith('.js'))
      // The bundler writes every require with double quotes; a single-quoted one is text inside a string
      // (the SDK snippets that reproduce a send), not a module the bundle loads.
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)])
      .flatMap((match) => (match[1] ? [match[1]] : []))
      .filter((specifier) => !specifier.startsWith('.') && specifier !== 'electron' && !isBuiltin(specifier))
    // libsql and commander are bundled; these are loaded from node_modules.
    expect(required).toEqual(expect.arrayContaining(['keytar', 'detect-libc']))
    const specifiers = [...new Set([...dependencies, ...required])].sort()

    // Plain Node stands in for Electron's Node: the native modules are N-API, so the same binaries load
    // in both. Resolution starts inside the extracted app, away from the project's node_modules.
    const script = `
      const { createRequire } = require('node:module')
      const load = createRequire(${JSON.stringify(join(extracted, 'package.json'))})
      const resolved = ${JSON.stringify(specifiers)}.map((specifier) => {
        load(specifier)
        return [specifier, load.resolve(specifier)]
      })
      const Database = load('libsql')
      const row = new Database(':memory:').prepare('select 41 + 1 as answer').get()
      console.log(JSON.stringify({ resolved, answer: row.answer }))`
    const { stdout } = await runFile(process.execPath, ['-e', script], { cwd: extracted })
    const result = JSON.parse(stdout) as { resolved: Array<[string, string]>; answer: number }
    expect(result.answer).toBe(42)
    expect(result.resolved.map(([specifier]) => specifier)).toEqual(specifiers)
    for (const [specifier, path] of result.resolved) {
      expect(path.startsWith(join(extracted, 'node_modules')), `${specifier} -> ${path}`).toBe(true)
    }

    // The bundled libsql names its native part at run time (`@libsql/<platform>`): the packaged command
    // line reads a history with the one the package carries.
    const dataDir = join(workDir, 'cli-data')
    const history = await runFile(process.execPath, [join(extracted, 'out', 'main', 'cli.js'), 'history', '--json'], {
      cwd: extracted,
      env: { ...process.env, GENAUTH_SMS_DATA_DIR: dataDir, GENAUTH_SMS_TEAM_DATABASE_URL: '' },
    })
    expect(JSON.parse(history.stdout)).toMatchObject({ entries: [] })
  })

  it('flips the Electron fuses at package time', async () => {
    const fuses = await getCurrentFuseWire(join(appOutDir, EXECUTABLE_NAME))
    for (const [fuse, state] of CONFIGURED_FUSES) {
      // The stand-in starts opposite to the configuration, so each of these was written by the packager.
      expect(standInFuses[fuse], FuseV1Options[fuse]).not.toBe(state)
      expect(fuses[fuse], FuseV1Options[fuse]).toBe(state)
    }
    // A fuse the configuration leaves alone keeps Electron's default.
    const untouched = FuseV1Options.LoadBrowserProcessSpecificV8Snapshot
    expect(fuses[untouched]).toBe(standInFuses[untouched])
  })

  it('ships the genauth-sms launchers beside the archive, pointing at the bundled command line', () => {
    const binDir = join(appOutDir, 'resources', 'bin')
    expect(readdirSync(binDir).sort()).toEqual(['genauth-sms', 'genauth-sms.cmd'])
    expect(statSync(join(binDir, 'genauth-sms')).mode & 0o111, 'executable').not.toBe(0)
    // The launchers name the executable and the CLI inside the archive, as packaged here.
    expect(existsSync(join(appOutDir, EXECUTABLE_NAME))).toBe(true)
    expect(readFileSync(join(binDir, 'genauth-sms'), 'utf8')).toContain(`"$resources/../${EXECUTABLE_NAME}"`)
    expect(readFileSync(join(binDir, 'genauth-sms.cmd'), 'utf8')).toContain('"%~dp0..\\app.asar\\out\\main\\cli.js"')
    expect(asarFiles).toContain('/out/main/cli.js')
    expect(isArchivedFile('/out/main/cli.js')).toBe(true)
  })
})
