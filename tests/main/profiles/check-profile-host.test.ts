import { describe, expect, it } from 'vitest'
import { checkAppHost } from '../../../src-main/profiles/check-profile-host'

describe('checkAppHost', () => {
  it.each([
    'my-app.genauth.ai',
    'https://my-app.genauth.ai',
    'https://my-app.genauth.ai/',
    'https://console.example.com:8443',
    'http://127.0.0.1:8787',
    'http://localhost:3000',
    'http://[::1]:9000',
    '  core.authing.cn  ',
  ])('accepts %s', (host) => {
    expect(() => checkAppHost(host)).not.toThrow()
  })

  it.each([
    // The client's own rules (tests/main/genauth/app-host.test.ts covers them all) apply on save.
    ['http://my-app.genauth.ai', /only allowed for a server on this computer/, 'hostPlainHttp'],
    ['ftp://my-app.genauth.ai', /must start with https/, 'hostScheme'],
    ['exa mple.com', /must not contain spaces/, 'hostSpaces'],
    ['embedded-emulator', /reserved for the built-in Local sandbox/, 'hostReserved'],
  ])('refuses %s', (host, reason, key) => {
    expect(() => checkAppHost(host)).toThrow(
      expect.objectContaining({ code: 'invalid-host', message: expect.stringMatching(reason), key }),
    )
  })
})
