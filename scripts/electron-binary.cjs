// Where the Electron binary is, or null when it was never downloaded. Unlike require('electron'), this
// never starts a download: on machines that cannot reach Electron's servers that would only fail noisily.
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

function installedElectronBinary() {
  const electronDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
  const binary = join(distDir, relative)
  return existsSync(binary) ? binary : null
}

module.exports = { installedElectronBinary }
