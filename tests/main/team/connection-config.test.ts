import { describe, expect, it } from 'vitest'
import { describeConnection, effectiveTlsMode, parseTeamDatabaseUrl } from '../../../src-main/team/connection-config'
import { tlsOptions } from '../../../src-main/team/connect'
import { redactConnectionText, teamFailure, TeamDatabaseError } from '../../../src-main/team/team-errors'

describe('team database URL', () => {
  it('reads every part, the password apart from the config', () => {
    const { config, password } = parseTeamDatabaseUrl(
      'postgres://sms%20console:p%40ss%3Aw0rd@db.example.com:6432/support_team?sslmode=verify-ca&sslrootcert=/etc/ca.pem',
    )
    expect(config).toEqual({
      host: 'db.example.com',
      port: 6432,
      database: 'support_team',
      user: 'sms console',
      tls: 'verify-ca',
      caFile: '/etc/ca.pem',
    })
    expect(password).toBe('p@ss:w0rd')
    expect(JSON.stringify(config)).not.toContain('w0rd')
  })

  it('defaults the port, the database (to the user) and leaves TLS to the host', () => {
    const { config, password } = parseTeamDatabaseUrl('postgresql://agent@[::1]')
    expect(config).toEqual({ host: '::1', port: 5432, database: 'agent', user: 'agent' })
    expect(password).toBeNull()
    expect(effectiveTlsMode(config)).toBe('disable')
  })

  it.each([
    ['mysql://u@h/db', /must start with postgres:\/\//],
    ['not a url', /is not a URL/],
    ['postgres://u@h/db?sslmode=prefer', /sslmode=prefer is not supported/],
    ['postgres://h/db', /user/],
  ])('refuses %s with a clear reason', (url, reason) => {
    expect(() => parseTeamDatabaseUrl(url)).toThrow(reason)
  })

  it('never shows the password, in the description or in an error about the URL', () => {
    const { config } = parseTeamDatabaseUrl('postgres://agent:hunter2-secret@db.example.com/team')
    expect(describeConnection(config)).toBe('postgres://agent@db.example.com:5432/team?sslmode=verify-full')
    const badPort = (): unknown => parseTeamDatabaseUrl('postgres://agent:hunter2-secret@db.example.com:99999/team')
    expect(badPort).toThrow(/is not a URL/)
    expect(badPort).not.toThrow(/hunter2-secret/)
  })
})

describe('TLS', () => {
  it('verifies the certificate and the host name by default on the network, not on loopback', () => {
    const remote = { host: 'db.example.com', port: 5432, database: 'd', user: 'u' }
    expect(effectiveTlsMode(remote)).toBe('verify-full')
    expect(tlsOptions(remote)).toEqual({ rejectUnauthorized: true })
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(effectiveTlsMode({ host })).toBe('disable')
    expect(tlsOptions({ ...remote, host: 'localhost' })).toBe(false)
  })

  it('follows an explicit mode', () => {
    const base = { host: 'db.example.com', port: 5432, database: 'd', user: 'u' }
    expect(tlsOptions({ ...base, tls: 'require' })).toEqual({ rejectUnauthorized: false })
    expect(tlsOptions({ ...base, tls: 'disable' })).toBe(false)
    const verifyCa = tlsOptions({ ...base, tls: 'verify-ca' })
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true })
    expect(verifyCa && verifyCa.checkServerIdentity?.('other.example.com', {} as never)).toBeUndefined()
  })
})

describe('team database failures', () => {
  it('removes the password and any URL password from what is shown', () => {
    const text = 'could not connect to postgres://agent:s3cr3t-pw@db:5432/team as agent with s3cr3t-pw'
    const shown = redactConnectionText(text, 's3cr3t-pw')
    expect(shown).not.toContain('s3cr3t-pw')
    expect(shown).toContain('postgres://agent:[redacted]@db:5432/team')
  })

  it('classifies connection failures and keeps other errors as they are, redacted', () => {
    const refused = teamFailure(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      null,
    )
    expect(refused).toBeInstanceOf(TeamDatabaseError)
    expect((refused as TeamDatabaseError).problem).toBe('unreachable')
    const login = teamFailure(
      Object.assign(new Error('password authentication failed for user "agent"'), { code: '28P01' }),
      null,
    )
    expect((login as TeamDatabaseError).problem).toBe('rejected')
    const tls = teamFailure(new Error('self-signed certificate in certificate chain'), null)
    expect((tls as TeamDatabaseError).problem).toBe('tls')
    const other = teamFailure(
      Object.assign(new Error('relation "x" does not exist pw-123'), { code: '42P01' }),
      'pw-123',
    )
    expect(other).not.toBeInstanceOf(TeamDatabaseError)
    expect(other.message).toBe('relation "x" does not exist [redacted]')
  })
})
