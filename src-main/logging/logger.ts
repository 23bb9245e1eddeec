import { join } from 'node:path'
import electronLog from 'electron-log/node'
import { redactSecrets } from './redact'
import { rotateLogFiles } from './rotate'

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'

export interface LoggerOptions {
  logsDir: string
  level: LogLevel
  /** The file is rotated once it grows past this size. */
  maxFileBytes?: number
  /** Archived files kept beside the current one, at least 1 (`main.1.log` is the newest). */
  keepFiles?: number
}

export interface Logger {
  error(...data: unknown[]): void
  warn(...data: unknown[]): void
  info(...data: unknown[]): void
  debug(...data: unknown[]): void
  /** The file being written: `<logsDir>/main.log`. */
  readonly filePath: string
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024
const DEFAULT_KEEP_FILES = 5

/**
 * A file logger for the main process (and the CLI and browser-mode host, which run the same services).
 * Every line passes through `redactSecrets` as its last step before it is written, so a secret cannot
 * reach the file whichever way it was logged (a string, inside an object, in an error).
 */
export function createLogger(options: LoggerOptions): Logger {
  const filePath = join(options.logsDir, 'main.log')
  const keepFiles = options.keepFiles ?? DEFAULT_KEEP_FILES
  if (!Number.isInteger(keepFiles) || keepFiles < 1)
    throw new RangeError(`keepFiles must be 1 or more, got ${keepFiles}`)
  const log = electronLog.create({ logId: `genauth-sms-console:${filePath}` })

  // Only the file transport has the redaction step.
  log.transports.console.level = false
  // electron-log resolves its default paths from an app name even when given a path; no package.json
  // lookup should decide whether logging works.
  log.transports.file.setAppName('genauth-sms-console')

  const file = log.transports.file
  file.level = options.level
  file.resolvePathFn = () => filePath
  file.maxSize = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  file.transforms = [...file.transforms, ({ data }) => redactSecrets(String(data))]
  file.archiveLogFn = (current) => {
    try {
      rotateLogFiles(current.path, keepFiles)
    } catch {
      // A file that cannot be moved aside (locked on Windows) is emptied rather than left to grow.
      current.clear()
    }
  }

  return {
    error: (...data) => log.error(...data),
    warn: (...data) => log.warn(...data),
    info: (...data) => log.info(...data),
    debug: (...data) => log.debug(...data),
    filePath,
  }
}
