export { normalizeAppHost, isLoopback } from './app-host-url'
export { sendSms, type SendSmsMeta, type SendSmsRequest } from './client'
export { loadCatalog } from './catalog'
export { explain, type Explanation } from '../shared/explain'
