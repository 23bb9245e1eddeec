import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatSendOutcome } from '../../../src-main/cli/format'
import { Catalog } from '../../../src-main/shared/contract/catalog'
import type { ProfileView } from '../../../src-main/shared/contract/profiles'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/server'
import { adviceFor, explain, loadCatalog } from '../../../src-main/genauth/catalog'
import { sendSms } from '../../../src-main/genauth/client'
import catalogData from '../../../src-main/genauth/catalog.json'
import { ANSWERS, type EmulatorAnswer } from '../../../src-main/emulator/responses'

const SANDBOX_VIEW: ProfileView = {
  id: 'local-sandbox',
  name: 'Local sandbox',
  environment: 'sandbox',
  appHost: 'embedded-emulator',
  appId: 'catalog-app',
  language: 'auto',
  timeoutMs: 5000,
  headerFamily: 'both',
  builtIn: true,
  hasAppSecret: false,
  hasAccessToken: false,
}

const answers: Array<[string, EmulatorAnswer]> = Object.entries(ANSWERS)

/** Every statusCode category on the V3 error-code page (genauth-sms-api.md). */
const DOCUMENTED_STATUS_CODES = [
  200, 400, 401, 402, 403, 404, 409, 413, 422, 429, 499, 500, 501, 502, 503, 601, 602, 603,
]
/** Every V3 apiCode the facts file names. */
const DOCUMENTED_API_CODES = [2004, 2011, 2020, 2224, 4021, 2333, 1300, 1301, 1302, 1303, 1304, 1305, 1306]
const V2_API_CODES = [1000, 2001, 2028, 2035, 2100, 2231, 2300]

describe('the apiCode catalog', () => {
  const catalog = loadCatalog()

  it('validates against the contract schema and points at the error-code page', () => {
    expect(Catalog.parse(catalogData)).toEqual(catalog)
    expect(catalog.errorCodePage).toBe('https://docs.genauth.ai/reference/error-code.html')
  })

  it('has every documented statusCode category, explained in both languages', () => {
    for (const code of DOCUMENTED_STATUS_CODES) {
      const entry = catalog.entries.find((e) => e.kind === 'statusCode' && e.code === code)
      expect(entry, `statusCode ${code}`).toBeDefined()
      expect(entry?.source).toBe('documented')
      for (const lang of ['en-US', 'zh-CN'] as const) {
        expect(entry?.meaning[lang].length, `${code} meaning ${lang}`).toBeGreaterThan(5)
        expect(entry?.nextStep[lang].length, `${code} nextStep ${lang}`).toBeGreaterThan(5)
      }
    }
  })

  it('has every documented apiCode, and marks the V2-only ones', () => {
    for (const code of DOCUMENTED_API_CODES) {
      expect(explain(catalog, { apiCode: code })?.apiCode?.source, `apiCode ${code}`).toBe('documented')
    }
    for (const code of V2_API_CODES) {
      expect(explain(catalog, { apiCode: code })?.apiCode?.name, `apiCode ${code}`).toMatch(/\(V2\)$/)
    }
  })

  it('writes Chinese in zh-CN and not in en-US', () => {
    for (const entry of catalog.entries) {
      expect(entry.meaning['zh-CN'], `${entry.kind} ${entry.code}`).toMatch(/[\u4e00-\u9fff]/)
      expect(entry.nextStep['zh-CN'], `${entry.kind} ${entry.code}`).toMatch(/[\u4e00-\u9fff]/)
      expect(entry.meaning['en-US'], `${entry.kind} ${entry.code}`).not.toMatch(/[\u4e00-\u9fff]/)
      expect(entry.nextStep['en-US'], `${entry.kind} ${entry.code}`).not.toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('lists no code twice', () => {
    const keys = catalog.entries.map((e) => `${e.kind}:${e.code}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('explains every statusCode and apiCode the emulator can answer with', () => {
    for (const [name, answer] of answers) {
      const explanation = explain(catalog, { statusCode: answer.statusCode, apiCode: answer.apiCode })
      expect(explanation?.statusCode, name).not.toBeNull()
      if (answer.apiCode !== undefined) expect(explanation?.apiCode, name).not.toBeNull()
    }
  })

  it('marks the emulator-only apiCodes as such', () => {
    const synthetic = answers.flatMap(([, a]) => (a.apiCode !== undefined && a.apiCode >= 99000 ? [a.apiCode] : []))
    expect(synthetic.length).toBeGreaterThan(0)
    for (const code of synthetic) {
      expect(explain(catalog, { apiCode: code })?.apiCode?.source).toBe('emulator')
    }
    const emulatorEntries = catalog.entries.filter((e) => e.source === 'emulator').map((e) => e.code)
    expect(emulatorEntries.sort()).toEqual([...synthetic].sort())
  })
})

describe('explain', () => {
  const catalog = loadCatalog()

  it('returns both the category and the apiCode', () => {
    const explanation = explain(catalog, { statusCode: 499, apiCode: 2011 })
    expect(explanation?.statusCode?.name).toBe('ClientError')
    expect(explanation?.apiCode?.name).toBe('Application not found')
  })

  it('returns the known half when the other code is unknown', () => {
    expect(explain(catalog, { statusCode: 400, apiCode: 123456 })).toMatchObject({
      statusCode: { code: 400 },
      apiCode: null,
    })
  })

  it('does not mistake an apiCode for a statusCode', () => {
    expect(explain(catalog, { apiCode: 400 })).toBeNull()
    expect(explain(catalog, { statusCode: 2011 })).toBeNull()
  })

  it('returns null for unknown or absent codes', () => {
    expect(explain(catalog, { statusCode: 777, apiCode: 123456 })).toBeNull()
    expect(explain(catalog, {})).toBeNull()
    expect(explain(catalog, { statusCode: null, apiCode: null })).toBeNull()
  })
})

describe('advice for sends without a business answer', () => {
  const catalog = loadCatalog()
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startEmulator({ appIds: ['catalog-app'] })
  })
  afterAll(async () => {
    await emulator.close()
  })

  const sendTo = (phoneNumber: string, timeoutMs = 5000) =>
    sendSms(
      { appHost: emulator.url, appId: 'catalog-app', channel: 'CHANNEL_LOGIN', phoneNumber, lang: 'en-US', timeoutMs },
      { appVersion: '0.0.0' },
    )

  it('explains the HTTP 502 with an HTML page, and says the SMS may have gone out, in both languages', async () => {
    const result = await sendTo('10000009004')
    expect(result).toMatchObject({ kind: 'http-failure', httpStatus: 502 })
    const { failure } = explain(catalog, result)!
    expect(failure?.name).toBe('Bad Gateway')
    expect(failure?.meaning['en-US']).toContain('HTML')
    expect(failure?.nextStep['en-US']).toContain('may still have gone out')
    expect(failure?.nextStep['zh-CN']).toContain('应用域名')

    const text = formatSendOutcome(
      { entryId: 1, result, recordFailure: null },
      SANDBOX_VIEW,
      explain(catalog, result),
      'en-US',
    )
    expect(text).toMatch(/^next step +Check that the application host/m)
  })

  it('explains a timeout', async () => {
    const result = await sendTo('10000009002', 300)
    expect(result.kind).toBe('timeout')
    expect(explain(catalog, result)?.failure?.name).toBe('Timeout')
    expect(
      formatSendOutcome({ entryId: 1, result, recordFailure: null }, SANDBOX_VIEW, explain(catalog, result), 'zh-CN'),
    ).toContain('调大配置的超时时间')
  })

  it('falls back to the general HTTP advice for a status without its own, and gives none to other kinds', () => {
    expect(adviceFor(catalog, { kind: 'http-failure', httpStatus: 500 })?.httpStatus).toBeNull()
    expect(adviceFor(catalog, { kind: 'http-failure', httpStatus: 503 })?.httpStatus).toBe(503)
    expect(adviceFor(catalog, { kind: 'network-failure', httpStatus: null })).toBeNull()
    expect(adviceFor(catalog, { kind: 'success', httpStatus: 200 })).toBeNull()
  })

  it('has every text in both languages', () => {
    for (const failure of catalog.failures) {
      for (const text of [failure.meaning, failure.nextStep]) {
        expect(text['en-US'].length, failure.name).toBeGreaterThan(20)
        expect(text['zh-CN'].length, failure.name).toBeGreaterThan(10)
      }
    }
  })
})
