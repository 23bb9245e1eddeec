import type { RequestParts } from './request-parts'

/**
 * The identifying headers each official SDK sends on send-sms (genauth-sms-api.md, "Headers"): an SDK
 * snippet cannot send the others, so it says which ones the console's request carried beyond them.
 */
export const SDK_HEADERS = {
  node: ['x-authing-app-id'],
  java: ['x-authing-app-id', 'x-authing-request-from', 'x-authing-sdk-version'],
  python: ['x-authing-app-id', 'x-authing-lang', 'x-authing-request-from', 'x-authing-sdk-version'],
  go: ['x-authing-app-id', 'x-authing-sdk-version'],
} as const

export type SdkName = keyof typeof SDK_HEADERS

/** Comment lines (without the comment marker) naming the request's identity headers this SDK does not send. */
export function headerNote(sdk: SdkName, parts: RequestParts): string[] {
  const own = new Set<string>(SDK_HEADERS[sdk])
  const missing = parts.headers
    .map(([name]) => name.toLowerCase())
    .filter((name) => /^x-(authing|genauth)-/.test(name) && !own.has(name))
  if (missing.length === 0) return []
  return [
    `The SDK sends ${[...own].join(', ')} with its own values; the console's request also carried`,
    `${missing.join(', ')}. To send exactly what the console sent, use the cURL command.`,
  ]
}
