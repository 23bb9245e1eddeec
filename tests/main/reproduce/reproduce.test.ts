import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { HeaderFamily } from '../../../src-main/shared/contract/profiles'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/server'
import { sendSms, type SendSmsRequest } from '../../../src-main/genauth/client'
import { shellQuote } from '../../../src-main/reproduce/curl'
import { reproduce } from '../../../src-main/reproduce'

const run = promisify(execFile)
const APP_ID = 'reproduce-app'
const TOKEN = 'eyJ.reproduce.user-token'
let emulator: RunningEmulator
/** The authorization header of each request as it arrived (the emulator's own log redacts it). */
const tokensOnTheWire: Array<string | undefined> = []

beforeAll(async () => {
  emulator = await startEmulator({
    appIds: [APP_ID],
    onRequest: (request) => tokensOnTheWire.push(request.headers.authorization),
  })
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(() => emulator.reset())

function send(overrides: Partial<SendSmsRequest> = {}) {
  return sendSms(
    {
      appHost: emulator.url,
      appId: APP_ID,
      channel: 'CHANNEL_LOGIN',
      phoneNumber: '13800138000',
      phoneCountryCode: '+86',
      lang: 'en-US',
      timeoutMs: 5000,
      ...overrides,
    },
    { appVersion: '1.0.0' },
  )
}

/** Runs text in a POSIX shell, as a user pasting it would. */
async function shell(script: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('sh', ['-c', script], { env: { PATH: process.env.PATH, ...env } })
  return stdout
}

const answerOf = (json: string) => {
  const { statusCode, message, apiCode } = JSON.parse(json) as Record<string, unknown>
  return { statusCode, message, apiCode }
}

describe('shellQuote', () => {
  it.each(["it's", "''", 'a b $HOME `x` "q" \\ ;|&', ''])('keeps %j literal through sh', async (value) => {
    expect(await shell(`printf %s ${shellQuote(value)}`)).toBe(value)
  })
})

describe('the cURL command', () => {
  it.each(['both', 'genauth', 'authing'] as const)(
    'with %s headers, puts the same request on the wire and gets the same answer',
    async (headerFamily: HeaderFamily) => {
      const result = await send({ headerFamily, accessToken: TOKEN })
      const [original] = emulator.received()
      const { curl } = reproduce(result.request)
      emulator.reset()

      const answer = await shell(curl, { GENAUTH_ACCESS_TOKEN: TOKEN })
      const [replayed] = emulator.received()

      expect(curl).not.toContain(TOKEN)
      expect(curl).toContain('"authorization: $GENAUTH_ACCESS_TOKEN"')
      expect(answerOf(answer)).toEqual({ statusCode: 200, message: result.message, apiCode: undefined })
      expect(replayed?.path).toBe(original?.path)
      expect(replayed?.body).toBe(original?.body)
      expect(replayed?.appIdHeader).toBe(original?.appIdHeader)
      expect(tokensOnTheWire.slice(-2)).toEqual([TOKEN, TOKEN])
      for (const [name, value] of Object.entries(original?.headers ?? {})) {
        if (name === 'connection') continue
        expect(replayed?.headers[name], name).toBe(value)
      }
    },
  )

  it('reproduces a business failure with its apiCode', async () => {
    const result = await send({ phoneNumber: '10000000404' })
    const answer = await shell(reproduce(result.request).curl)
    expect(answerOf(answer)).toEqual({ statusCode: 404, apiCode: 2004, message: result.message })
    expect(result).toMatchObject({ statusCode: 404, apiCode: 2004 })
  })

  it('sends no authorization header when the original had none', async () => {
    const result = await send()
    expect(reproduce(result.request).curl).not.toContain('authorization')
  })
})

describe('the SDK snippets', () => {
  it('runs the Node snippet with authing-node-sdk and gets the same answer', async () => {
    const result = await send({ phoneNumber: '10000000404', accessToken: TOKEN })
    const { node } = reproduce(result.request)
    const { stdout } = await run(process.execPath, ['-e', node], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, GENAUTH_ACCESS_TOKEN: TOKEN },
    })
    // authing-node-sdk sends no x-authing-lang, so the emulator answers in its default language.
    expect(answerOf(stdout)).toMatchObject({ statusCode: 404, apiCode: 2004 })
    expect(tokensOnTheWire.at(-1)).toBe(TOKEN)
  })

  it('use each SDK’s call with the same app, host, channel and phone, and never the token', async () => {
    const result = await send({ accessToken: TOKEN })
    const snippets = reproduce(result.request)
    const calls = {
      node: 'client\n  .sendSms({',
      java: 'client.sendSms(request)',
      python: 'client.send_sms(',
      go: 'client.SendSms(&dto.SendSMSDto{',
    }
    for (const [sdk, call] of Object.entries(calls)) {
      const snippet = snippets[sdk as keyof typeof calls]
      expect(snippet, sdk).toContain(call)
      expect(snippet, sdk).toContain(`"${APP_ID}"`)
      expect(snippet, sdk).toContain(`"${emulator.url}"`)
      expect(snippet, sdk).toContain('13800138000')
      expect(snippet, sdk).toContain('"+86"')
      expect(snippet, sdk).toContain('GENAUTH_ACCESS_TOKEN')
      expect(snippet, sdk).not.toContain(TOKEN)
      expect(snippet, sdk).not.toContain('[redacted]')
    }
    expect(snippets.java).toContain('SendSMSDto.Channel.CHANNEL_LOGIN')
    expect(snippets.python).toContain('lang="en-US"')
  })

  it('say which headers of the request the SDK does not send', async () => {
    const both = reproduce((await send({ headerFamily: 'both' })).request)
    emulator.reset()
    const authing = reproduce((await send({ headerFamily: 'authing', channel: 'CHANNEL_REGISTER' })).request)

    expect(both.node).toMatch(/also carried\n\/\/ x-authing-lang, .*x-genauth-app-id/)
    expect(both.python).toContain('x-genauth-app-id')
    expect(authing.python).not.toContain('cURL')
    expect(authing.node).toContain('x-authing-lang')
  })
})
