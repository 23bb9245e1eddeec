import { readdir, readFile } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** The page: served for `/` and `/index.html` only, and only with the token. */
export const PAGE_PATH = '/index.html'

export type StaticFile = { body: Buffer; contentType: string }

/**
 * The built renderer's files by URL path (`/assets/index-abc.js`), listed once when the host starts.
 * Only a path spelled exactly like a listed file is served: no case folding, trailing dots or other
 * spellings a file system may also accept, no symbolic links, nothing outside the folder.
 */
export class StaticFiles {
  private constructor(private readonly files: ReadonlyMap<string, string>) {}

  static async list(root: string): Promise<StaticFiles> {
    const files = new Map<string, string>()
    try {
      for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue
        const file = join(entry.parentPath, entry.name)
        files.set(`/${relative(root, file).split(sep).join('/')}`, file)
      }
    } catch {
      // No build yet: the host still answers its calls, and every file is a 404.
    }
    return new StaticFiles(files)
  }

  /** Whether this normalised path serves the page, which needs the token like every call. */
  static isPage(path: string): boolean {
    return path === '/' || path === PAGE_PATH
  }

  /** The file for a normalised request path; null when no listed file has exactly that path. */
  async read(path: string): Promise<StaticFile | null> {
    const file = this.files.get(path === '/' ? PAGE_PATH : path)
    if (file === undefined) return null
    try {
      return { body: await readFile(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }
    } catch {
      return null
    }
  }
}
