import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export type StaticFile = { body: Buffer; contentType: string }

/** Reads a file of the built renderer; null for anything outside the folder or missing. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let relative: string
  try {
    relative = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  const file = normalize(join(root, relative === '/' ? 'index.html' : relative))
  if (!file.startsWith(normalize(root) + sep)) return null
  try {
    if (!(await stat(file)).isFile()) return null
    return {
      body: await readFile(file),
      contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    }
  } catch {
    return null
  }
}
