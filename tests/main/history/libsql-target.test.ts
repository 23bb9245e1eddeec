import { createRequire } from 'node:module'
import { currentTarget as neonTarget } from '@neon-rs/load'
import { familySync, GLIBC } from 'detect-libc'
import { afterEach, describe, expect, it } from 'vitest'
import { currentTarget } from '../../../src-main/history/libsql-target'

const getReport = process.report.getReport.bind(process.report)
afterEach(() => {
  process.report.getReport = getReport
})

describe("libsql's platform probe in the built bundles", () => {
  it('names the native package @neon-rs/load names, without building a diagnostic report', () => {
    let reports = 0
    process.report.getReport = (...args: Parameters<typeof getReport>) => {
      reports += 1
      return getReport(...args)
    }
    const target = currentTarget()
    const reportsForOurs = reports
    expect(target).toBe(neonTarget())
    // The package exists beside libsql: the name is one it can load.
    expect(() => createRequire(import.meta.url).resolve(`@libsql/${target}`)).not.toThrow()
    // On glibc Linux (every Electron Linux build) the report is not needed; elsewhere @neon-rs/load decides.
    if (process.platform === 'linux' && familySync() === GLIBC) expect(reportsForOurs).toBe(0)
  })
})
