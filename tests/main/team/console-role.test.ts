import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { consoleRoleGrants } from '../../../src-main/team/console-role'

describe('the console role', () => {
  it('is granted in the README exactly as team init --grant-to grants it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8')
    expect(readme).toContain(consoleRoleGrants('sms_console'))
  })

  it('takes only a plain role name', () => {
    expect(() => consoleRoleGrants('agent; DROP TABLE x')).toThrow(/not a plain PostgreSQL role name/)
    expect(() => consoleRoleGrants('"Agent"')).toThrow()
  })
})
