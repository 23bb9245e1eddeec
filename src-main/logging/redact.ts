import { inspect } from 'node:util'

export const REDACTED = '[redacted]'

/** Every form of every secret the process has read (app secrets, access tokens), longest first. */
const secretForms: string[] = []

/**
 * Marks a value as secret: from then on `redactSecrets` replaces it wherever it appears. The credentials
 * code calls this for each secret it reads, before the secret can reach a log line.
 */
export function registerSecret(value: string): void {
  if (value.length === 0) return
  // A secret inside a logged object reaches the text JSON- or inspect-escaped, so those forms count too.
  for (const form of [value, JSON.stringify(value).slice(1, -1), inspect(value).slice(1, -1)]) {
    if (!secretForms.includes(form)) secretForms.push(form)
  }
  secretForms.sort((a, b) => b.length - a.length)
}

// A field or header whose name ends in authorization, secret, token or password (appSecret,
// x-authing-app-secret, access_token, proxy-authorization...), then its value: quoted, or bare up to the
// end of the line or field. Objects and arrays are left to their own keys.
const SENSITIVE_QUOTED_VALUE =
  /\b([\w-]*(?:authorization|secret|token|password))(["']?\s*[:=]\s*)(["'`])[^"'`\r\n]*\3/gi
const SENSITIVE_BARE_VALUE =
  /\b([\w-]*(?:authorization|secret|token|password))(["']?\s*[:=]\s*)(?![\s"'`[{])[^\r\n,;})\]]+/gi
const BEARER_TOKEN = /\b(bearer)\s+[^\s"'`,;})[\]]+/gi

/** Replaces registered secrets, credential-named fields and bearer tokens in `text` with `[redacted]`. */
export function redactSecrets(text: string): string {
  let redacted = text
  for (const form of secretForms) redacted = redacted.replaceAll(form, REDACTED)
  return redacted
    .replace(SENSITIVE_QUOTED_VALUE, `$1$2$3${REDACTED}$3`)
    .replace(SENSITIVE_BARE_VALUE, `$1$2${REDACTED}`)
    .replace(BEARER_TOKEN, `$1 ${REDACTED}`)
}
