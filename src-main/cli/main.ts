import { existsSync } from 'node:fs'
import { defaultDataDir } from '../app-paths'
import { cacheCompiledCode, codeCacheDirOf, runKindOf } from './code-cache'

// The plain-Node entry of the built command line (out/main/cli.js, so __dirname is the build's folder).
// The code cache is in place before the rest of the build loads, so that every module can come from it.
// It lives in the data folder, and only once one exists: a command that needs no data (channels, --help)
// does not create the folder on a machine where the app has never run.
const dataDir = defaultDataDir(process.env)
if (existsSync(dataDir))
  cacheCompiledCode(__dirname, codeCacheDirOf(dataDir, __dirname), runKindOf(process.argv.slice(2)))

void import('./start')
