/** The header that carries browser mode's per-run token on every call, set by the page and checked by the host. */
export const CONSOLE_TOKEN_HEADER = 'x-console-token'

/**
 * The first screen's answers (see first-calls.ts) in one request: POST, the token in the header like a call,
 * answered with an object of envelopes by call name. One fetch instead of four: at the window's start every
 * fetch costs the page's main thread a few milliseconds, and the host one connection more.
 */
export const FIRST_ANSWERS_PATH = '/first-answers'
