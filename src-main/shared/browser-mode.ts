/** The header that carries browser mode's per-run token on every call, set by the page and checked by the host. */
export const CONSOLE_TOKEN_HEADER = 'x-console-token'
