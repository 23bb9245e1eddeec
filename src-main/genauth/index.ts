export { normalizeAppHost, isLoopback } from './app-host'
export { sendSms, type SendSmsMeta, type SendSmsRequest } from './client'
export { explain, loadCatalog, type Explanation } from './catalog'
