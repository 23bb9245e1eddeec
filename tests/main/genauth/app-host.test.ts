import { describe, expect, it } from 'vitest'
import { ConsoleError } from '../../../src-main/shared/contract/errors'
import { isLoopback, normalizeAppHost } from '../../../src-main/genauth/app-host'

describe('normalizeAppHost', () => {
  it.each([
    ['example.genauth.ai', 'https://example.genauth.ai'],
    ['  example.genauth.ai  ', 'https://example.genauth.ai'],
    ['https://example.genauth.ai/', 'https://example.genauth.ai'],
    ['https://example.genauth.ai///', 'https://example.genauth.ai'],
    ['HTTPS://Example.Authing.CN', 'https://example.authing.cn'],
    ['https://example.genauth.ai:443', 'https://example.genauth.ai'],
    ['https://example.genauth.ai:8443/', 'https://example.genauth.ai:8443'],
    ['auth.internal.example.com/genauth/', 'https://auth.internal.example.com/genauth'],
    ['https://auth.internal.example.com/a/b//', 'https://auth.internal.example.com/a/b'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.1.2.3:4010/', 'http://127.1.2.3:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://LOCALHOST:4010', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
    ['localhost:4010', 'https://localhost:4010'],
    ['https://例子.genauth.ai', 'https://xn--fsqu00a.genauth.ai'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeAppHost(raw)).toBe(expected)
  })

  it('is idempotent', () => {
    for (const raw of ['example.genauth.ai/', 'http://127.0.0.1:1/x/', 'https://a.b:8443/p']) {
      const once = normalizeAppHost(raw)
      expect(normalizeAppHost(once)).toBe(once)
    }
  })

  it.each([
    ['http://example.genauth.ai', /only allowed for a server on this computer/],
    ['http://10.0.0.5:8080', /only allowed for a server on this computer/],
    ['http://192.168.1.10', /only allowed for a server on this computer/],
    ['http://localhost.example.com', /only allowed for a server on this computer/],
    ['http://[::2]:80', /only allowed for a server on this computer/],
    ['', /Enter the application host/],
    ['   ', /Enter the application host/],
    ['example genauth.ai', /spaces/],
    ['ftp://example.genauth.ai', /must start with https:\/\//],
    ['javascript://alert(1)', /must start with https:\/\//],
    ['https://user:pw@example.genauth.ai', /user name or password/],
    ['https://example.genauth.ai/?x=1', /query/],
    ['https://example.genauth.ai/#top', /fragment/],
    ['https://example.genauth.ai?', /query/],
    ['https://exa<mple.genauth.ai', /not a valid host/],
    ['https://', /not a valid host/],
    ['https://example.genauth.ai/api/v3/send-sms', /without \/api\/v3\/send-sms/],
    // Look-alikes: what the WHATWG parser would make of these is not what they appear to say.
    ['https:\\\\evil.com', /backslash/],
    ['https:evil.com', /two slashes/],
    ['https://a.example\\@evil.com', /backslash/],
    ['https://:@a.example', /user name or password/],
    ['https://@a.example', /user name or password/],
    ['https://a.example:0', /Port 0/],
    ['https://0x7f.0.0.1', /would be read as https:\/\/127\.0\.0\.1/],
    ['http://127.1:4010', /would be read as http:\/\/127\.0\.0\.1:4010/],
    ['https://a.example/x/../api', /would be read as https:\/\/a\.example\/api/],
    ['https://a.example/caf\u00e9', /would be read as https:\/\/a\.example\/caf%C3%A9/],
  ])('refuses %j', (raw, message) => {
    let thrown: unknown
    try {
      normalizeAppHost(raw)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConsoleError)
    expect((thrown as ConsoleError).code).toBe('invalid-host')
    expect((thrown as ConsoleError).message).toMatch(message)
  })
})

describe('isLoopback', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['example.com', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected)
  })
})
