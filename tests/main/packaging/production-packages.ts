import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

interface Manifest {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
}

/** Where Node would find package `name` when required from `fromDir`, or null if it is not installed. */
function installedPackageDir(fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return null
  }
}

/**
 * The names of every installed package the project needs at run time: its dependencies and theirs,
 * including the optional (platform-specific) ones that are installed.
 */
export function productionPackageNames(projectDir: string): Set<string> {
  const names = new Set<string>()
  const visited = new Set<string>()
  const visit = (fromDir: string, name: string, optional: boolean): void => {
    const dir = installedPackageDir(fromDir, name)
    if (dir === null) {
      if (optional) return
      throw new Error(`production dependency ${name} is not installed (needed from ${fromDir})`)
    }
    names.add(name)
    if (visited.has(dir)) return
    visited.add(dir)
    visitDependencies(dir)
  }
  const visitDependencies = (dir: string): void => {
    const manifest = readManifest(dir)
    for (const name of Object.keys(manifest.dependencies ?? {})) visit(dir, name, false)
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, name, true)
  }
  visitDependencies(projectDir)
  return names
}

/** `/node_modules/a/node_modules/@s/b/index.js` -> ['a', '@s/b']. */
export function packageNamesInPath(path: string): string[] {
  const segments = path.split('/')
  const names: string[] = []
  segments.forEach((segment, index) => {
    if (segment !== 'node_modules') return
    const first = segments[index + 1]
    if (!first) return
    const second = segments[index + 2]
    if (first.startsWith('@')) {
      if (second) names.push(`${first}/${second}`)
    } else {
      names.push(first)
    }
  })
  return names
}
