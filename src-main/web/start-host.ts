import { join } from 'node:path'
import { defaultDataDir } from '../app-paths'
import { createDispatch } from '../dispatch/create-dispatch'
import { createServices } from '../services'
import { newRunToken } from './access'
import { parseHostArgs } from './host-args'
import { startWebHost } from './host'

/**
 * Browser mode's entry (plain Node): the desktop app's services behind a loopback HTTP host.
 * `--port <n>` picks the port (default: a free one; see host-args.ts); GENAUTH_SMS_DATA_DIR picks the data folder.
 */
async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2), process)
  if ('exitCode' in args) process.exit(args.exitCode)
  const { port } = args
  // One per-run token for the page and the sandbox emulator's control routes alike.
  const token = newRunToken()
  const services = await createServices({
    dataDir: defaultDataDir(),
    mode: 'browser',
    emulatorToken: token,
    osLanguage: Intl.DateTimeFormat().resolvedOptions().locale.startsWith('zh') ? 'zh-CN' : 'en-US',
  })
  const host = await startWebHost({
    dispatch: createDispatch(services),
    events: services.events,
    staticDir: join(__dirname, '../renderer'),
    port,
    token,
  })
  console.log(`GenAuth SMS Console (browser mode) is ready. Open: ${host.url}`)
  console.log(`Data folder: ${services.dataDir}`)
  services.log.info('browser-mode host listening on port', host.port)

  const stop = async (): Promise<void> => {
    await host.close()
    await services.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(`The browser-mode host could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
