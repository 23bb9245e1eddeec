import { ACCESS_TOKEN_VARIABLE, type RequestParts } from './request-parts'

/** One POSIX shell word: single quotes keep everything literal; a quote itself is closed, escaped, reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * The request as a curl command for a POSIX shell. The token line is in double quotes so the shell
 * expands the variable: the command carries its name, never its value.
 */
export function curlCommand(parts: RequestParts): string {
  const lines = [`curl -sS -X POST ${shellQuote(parts.url)}`]
  for (const [name, value] of parts.headers) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  if (parts.hasAccessToken) lines.push(`-H "authorization: $${ACCESS_TOKEN_VARIABLE}"`)
  lines.push(`--data-raw ${shellQuote(parts.body)}`)
  return `${lines.join(' \\\n  ')}\n`
}
