export const ACCESS_TOKEN_VARIABLE = 'GENAUTH_ACCESS_TOKEN'

/** `--token`, `--access-token`, `--app-secret`, `--password`, with or without `=value`. */
const SECRET_FLAG = /^--?(?:[a-z0-9-]*-)?(?:secret|token|password)(?:=|$)/i

/**
 * The first argument that looks like a secret passed as a flag, or null. Such a value would end up in the
 * shell's history and in the process list, so it is refused before anything runs.
 */
export function secretFlagIn(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg === '--') return null
    if (SECRET_FLAG.test(arg)) return arg.split('=')[0] ?? arg
  }
  return null
}

export function secretFlagMessage(flag: string): string {
  return `${flag} is refused: secrets are never taken from flags, which shell history and the process list keep. Set ${ACCESS_TOKEN_VARIABLE} in the environment and add --token-from-env, or store the token in a profile from the app.`
}
