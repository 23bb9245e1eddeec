// `npm start`: builds the app, then opens the desktop window when the Electron binary is installed, and
// otherwise serves the same app to a browser on loopback (browser mode).
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const { installedElectronBinary } = require('./electron-binary.cjs')
const binary = installedElectronBinary()
if (!binary) {
  console.log(
    'The Electron binary is not installed on this machine (`node node_modules/electron/install.js` downloads it ' +
      'where the internet is reachable), so the console opens in browser mode instead.',
  )
}
const child = binary
  ? spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  : spawn(process.execPath, ['out/main/host.js', ...process.argv.slice(2)], { stdio: 'inherit' })

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
