import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REDACTED, redactSecrets, registerSecret } from '../../../src-main/logging'

const freshSecret = (): string => `sk_${randomBytes(12).toString('hex')}`

describe('redactSecrets', () => {
  it('replaces a registered secret wherever it appears', () => {
    const secret = freshSecret()
    expect(redactSecrets(secret)).toBe(secret) // not registered yet
    registerSecret(secret)
    expect(redactSecrets(secret)).toBe(REDACTED)
    expect(redactSecrets(`loaded ${secret} for profile staging`)).toBe(`loaded ${REDACTED} for profile staging`)
  })

  it('replaces the escaped forms a secret takes inside JSON and inspected objects', () => {
    const secret = `pa"ss\\wo'rd\n${randomBytes(6).toString('hex')}`
    registerSecret(secret)
    const asJson = JSON.stringify({ value: secret })
    const inspected = inspect({ value: secret })
    expect(redactSecrets(asJson)).toBe(`{"value":"${REDACTED}"}`)
    expect(redactSecrets(inspected)).not.toContain(secret.slice(-12))
    expect(redactSecrets(inspected)).toContain(REDACTED)
  })

  it('redacts authorization headers and bearer tokens', () => {
    expect(redactSecrets('authorization: Bearer eyJhbGciOi.x.y')).toBe(`authorization: ${REDACTED}`)
    // A bare value may hold spaces ("Basic abc"), so it is redacted up to the end of its field or line.
    expect(redactSecrets('Authorization=Basic abc123, next=1\nok')).toBe(`Authorization=${REDACTED}, next=1\nok`)
    expect(redactSecrets(`{ authorization: 'token-123', 'x-authing-app-id': 'app1' }`)).toBe(
      `{ authorization: '${REDACTED}', 'x-authing-app-id': 'app1' }`,
    )
    expect(redactSecrets('{"Authorization":"Bearer abc","accept":"*/*"}')).toBe(
      `{"Authorization":"${REDACTED}","accept":"*/*"}`,
    )
    expect(redactSecrets('retrying with Bearer abc.def-ghi now')).toBe(`retrying with Bearer ${REDACTED} now`)
  })

  it('redacts fields named like credentials', () => {
    expect(redactSecrets(`{ appSecret: 's3cr3t', appId: 'app1' }`)).toBe(`{ appSecret: '${REDACTED}', appId: 'app1' }`)
    expect(redactSecrets('{"access_token":"t0k3n","expires_in":7200}')).toBe(
      `{"access_token":"${REDACTED}","expires_in":7200}`,
    )
    expect(redactSecrets('x-authing-app-secret: abc')).toBe(`x-authing-app-secret: ${REDACTED}`)
  })

  it('does not redact twice when a registered secret is also a bearer token', () => {
    const secret = freshSecret()
    registerSecret(secret)
    expect(redactSecrets(`Bearer ${secret}`)).toBe(`Bearer ${REDACTED}`)
    expect(redactSecrets(`authorization: ${secret}`)).toBe(`authorization: ${REDACTED}`)
  })

  it('leaves ordinary log text alone', () => {
    const text = 'send-sms to +8613800138000 channel CHANNEL_LOGIN -> apiCode 2001 in 120 ms (tokens left: 3)'
    expect(redactSecrets(text)).toBe(text)
  })

  it('ignores an empty secret', () => {
    registerSecret('')
    expect(redactSecrets('abc')).toBe('abc')
  })
})
