import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** Where CI collects reports; Playwright writes its artifacts below it too. */
export const ARTIFACTS_DIR = join(REPO_ROOT, 'artifacts')
