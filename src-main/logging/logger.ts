import { join } from 'node:path'
import type ElectronLog from 'electron-log/node'
import { lazyModule } from '../lazy-module'
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
  /** Lines that could not be written (a full disk, a missing folder) since the logger was created. */
  readonly droppedLines: number
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024
const DEFAULT_KEEP_FILES = 5

/** Lines lost on one log file, and how many of them a later line has reported. */
interface WriteFailures {
  dropped: number
  reported: number
  last: string
}

/**
 * electron-log, loaded with the first line written: a command-line call that logs nothing (most
 * read-only commands) starts without it.
 */
const electronLog = lazyModule<typeof ElectronLog>('electron-log/node', (loaded) => {
  // electron-log reports a failed write of any logger's file through the console transport of its
  // default logger, whatever that transport's level: a full disk must not print stack traces into
  // the CLI's output.
  loaded.transports.console.writeFn = () => undefined
})

/**
 * electron-log keeps one object per file path for the whole process, catches a failed write and reports
 * it as an `error` event of that object: the line is lost. Loggers on the same file share its count.
 */
const failuresByFile = new WeakMap<NodeJS.EventEmitter, WriteFailures>()

function failuresOf(file: NodeJS.EventEmitter): WriteFailures {
  let failures = failuresByFile.get(file)
  if (!failures) {
    const created: WriteFailures = { dropped: 0, reported: 0, last: '' }
    file.on('error', (error: Error) => {
      created.dropped++
      created.last = error.message.split('\n')[0] ?? ''
    })
    failuresByFile.set(file, created)
    failures = created
  }
  return failures
}

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
  let open: OpenLog | null = null
  /** Lines lost before the file could be opened (electron-log failing to load). */
  let lostUnopened = 0

  /** Logging never throws into its caller (a send in progress): a line that cannot be written is counted. */
  const write =
    (level: LogLevel) =>
    (...data: unknown[]): void => {
      try {
        open ??= openLog(filePath, options, keepFiles)
        const { log, failures } = open
        const droppedBefore = failures.dropped
        log[level](...data)
        // Once a line goes through again, the file says how many it lost.
        if (failures.dropped === droppedBefore && failures.dropped > failures.reported) {
          const missing = failures.dropped - failures.reported
          failures.reported = failures.dropped
          log.warn(`${missing} earlier log line(s) could not be written: ${failures.last}`)
        }
      } catch {
        if (open) open.failures.dropped++
        else lostUnopened++
      }
    }

  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    filePath,
    get droppedLines() {
      return lostUnopened + (open?.failures.dropped ?? 0)
    },
  }
}

interface OpenLog {
  log: ReturnType<(typeof ElectronLog)['create']>
  failures: WriteFailures
}

/** electron-log's logger for one file, with redaction as the file's last step and rotation by size. */
function openLog(filePath: string, options: LoggerOptions, keepFiles: number): OpenLog {
  const log = electronLog().create({ logId: `genauth-sms-console:${filePath}` })

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

  // The file object is an EventEmitter, which electron-log's types leave out.
  return { log, failures: failuresOf(file.getFile() as unknown as NodeJS.EventEmitter) }
}
