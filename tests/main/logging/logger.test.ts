import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger, REDACTED, registerSecret } from '../../../src-main/logging'

let logsDir: string

beforeEach(() => {
  logsDir = mkdtempSync(join(tmpdir(), 'logging-test-'))
})

afterEach(() => {
  rmSync(logsDir, { recursive: true, force: true })
})

const read = (file: string): string => readFileSync(join(logsDir, file), 'utf8')

describe('createLogger', () => {
  it('writes lines at or above its level to main.log in the logs folder', () => {
    const logger = createLogger({ logsDir, level: 'info' })
    logger.info('profile staging selected')
    logger.warn('cooldown active for', { phone: '+8613800138000' })
    logger.debug('raw exchange dump')

    expect(logger.filePath).toBe(join(logsDir, 'main.log'))
    const text = read('main.log')
    expect(text).toMatch(/\[info\]\s+profile staging selected/)
    expect(text).toMatch(/\[warn\]\s+cooldown active for \{.*\+8613800138000/s)
    expect(text).not.toContain('raw exchange dump')
  })

  it('keeps registered secrets, authorization headers and bearer tokens out of the file', () => {
    const appSecret = `secret-${randomBytes(16).toString('hex')}`
    const accessToken = `eyJ${randomBytes(24).toString('base64url')}`
    registerSecret(appSecret)
    registerSecret(accessToken)
    const logger = createLogger({ logsDir, level: 'debug' })

    logger.info(appSecret)
    logger.info('profile loaded', { appId: 'app1', secret: appSecret, nested: { value: [appSecret] } })
    logger.error(new Error(`token ${accessToken} was rejected`))
    logger.debug('request headers', { authorization: `Bearer ${randomBytes(8).toString('hex')}` })
    logger.debug('upstream said: Authorization: Bearer abc.def.ghi')
    logger.info('%s/%s', appSecret.slice(0, 10), appSecret.slice(10))

    const text = read('main.log')
    expect(text).not.toContain(appSecret)
    expect(text).not.toContain(accessToken)
    expect(text).not.toContain('abc.def.ghi')
    expect(text).not.toMatch(/Bearer [0-9a-f]{16}/)
    expect(text.split(REDACTED).length - 1).toBeGreaterThanOrEqual(6)
    expect(text).toContain('profile loaded')
    expect(text).toContain('app1')
  })

  it('rotates past the size limit and keeps only the configured number of old files', () => {
    const maxFileBytes = 2_000
    const logger = createLogger({ logsDir, level: 'info', maxFileBytes, keepFiles: 2 })
    const lines = 300
    for (let i = 0; i < lines; i++) logger.info(`line ${String(i).padStart(4, '0')} ${'x'.repeat(40)}`)

    expect(readdirSync(logsDir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const file of ['main.log', 'main.1.log', 'main.2.log']) {
      // The size is checked before each write, so a file ends at most one line past the limit.
      expect(statSync(join(logsDir, file)).size).toBeLessThan(maxFileBytes + 200)
    }
    // Newest lines in main.log, the ones before in main.1.log, older in main.2.log, the oldest gone.
    const numbers = (file: string): number[] =>
      [...read(file).matchAll(/line (\d{4})/g)].map((match) => Number(match[1]))
    const current = numbers('main.log')
    const previous = numbers('main.1.log')
    const older = numbers('main.2.log')
    expect(current.at(-1)).toBe(lines - 1)
    expect(previous.at(-1)).toBe(current[0]! - 1)
    expect(older.at(-1)).toBe(previous[0]! - 1)
    expect(older[0]).toBeGreaterThan(0)
    expect(existsSync(join(logsDir, 'main.3.log'))).toBe(false)
  })

  it('empties a log that cannot be rotated rather than let it grow', () => {
    // A directory where the oldest archive goes makes the rotation fail.
    mkdirSync(join(logsDir, 'main.1.log', 'blocker'), { recursive: true })
    const maxFileBytes = 1_000
    const logger = createLogger({ logsDir, level: 'info', maxFileBytes, keepFiles: 1 })
    for (let i = 0; i < 100; i++) logger.info(`line ${i} ${'y'.repeat(40)}`)

    expect(statSync(join(logsDir, 'main.log')).size).toBeLessThan(maxFileBytes + 100)
    expect(read('main.log')).toContain('line 99 ')
  })

  it('never throws or prints when a line cannot be written (a full disk), and says so once it can', () => {
    // /dev/full answers every write with ENOSPC, as a full disk does.
    symlinkSync('/dev/full', join(logsDir, 'main.log'))
    const printed: unknown[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => printed.push(chunk) > 0)
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(chunk) > 0)
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...data) => printed.push(data))
    try {
      const logger = createLogger({ logsDir, level: 'info' })
      expect(() => {
        logger.error('sms.send failed:', new Error('SQLITE_FULL: database or disk is full'))
        logger.warn('History entry 7 could not be completed')
      }).not.toThrow()
      expect(logger.droppedLines).toBe(2)
      expect(printed).toEqual([])

      unlinkSync(join(logsDir, 'main.log'))
      logger.info('space again')
      expect(read('main.log')).toMatch(/space again\n.*2 earlier log line\(s\) could not be written: .*ENOSPC/)
      expect(logger.droppedLines).toBe(2)
    } finally {
      stderr.mockRestore()
      stdout.mockRestore()
      consoleError.mockRestore()
    }
  })

  it('refuses to keep no old files at all', () => {
    expect(() => createLogger({ logsDir, level: 'info', keepFiles: 0 })).toThrow(RangeError)
  })
})
