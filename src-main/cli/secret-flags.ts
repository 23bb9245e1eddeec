export const ACCESS_TOKEN_VARIABLE = 'GENAUTH_ACCESS_TOKEN'

/**
 * A flag name that looks like it carries a secret: `--token`, `--app-secret`, `--appSecret`, `--api_key`,
 * `--password=...`. Matched anywhere in the name and in any case, since a refusal must never repeat the value.
 */
const SECRET_WORD = /secret|token|passw(?:or)?d|key/i

/**
 * The first argument that looks like a secret passed as a flag, or null; flags the command line itself
 * defines (`--token-from-env`) are not secrets. Such a value would end up in the shell's history and in the
 * process list, so it is refused before anything runs, naming the flag and never its value.
 */
export function secretFlagIn(argv: readonly string[], ownFlags: ReadonlySet<string>): string | null {
  for (const arg of argv) {
    if (arg === '--') return null
    if (!arg.startsWith('-')) continue
    const name = arg.split('=')[0] ?? arg
    if (SECRET_WORD.test(name) && !ownFlags.has(name)) return name
  }
  return null
}

export function secretFlagMessage(flag: string): string {
  return `${flag} is refused: secrets are never taken from flags, which shell history and the process list keep. Set ${ACCESS_TOKEN_VARIABLE} in the environment and add --token-from-env, or store the token in a profile from the app.`
}
