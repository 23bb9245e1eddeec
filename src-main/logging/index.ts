export { createLogger, type Logger, type LoggerOptions, type LogLevel } from './logger'
export { registerSecret, redactSecrets, REDACTED } from './redact'
