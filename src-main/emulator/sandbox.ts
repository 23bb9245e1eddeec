/** The App ID the emulator knows when none is given, and the built-in sandbox profile sends with. */
export const SANDBOX_APP_ID = 'local-sandbox-app'
