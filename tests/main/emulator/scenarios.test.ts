import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { describe, expect, it } from 'vitest'
import { EmulatorScenario } from '../../../src-main/shared/contract/app-info'
import { ANSWERS } from '../../../src-main/emulator/responses'
import { EMULATOR_SCENARIOS, SCENARIO_DEFINITIONS, scenarioFor } from '../../../src-main/emulator/scenarios'

const DOCUMENTED_STATUS_CODES = [
  200, 400, 401, 402, 403, 404, 409, 413, 422, 429, 499, 500, 501, 502, 503, 601, 602, 603,
]

describe('EMULATOR_SCENARIOS', () => {
  it('fits the contract and lists each number once', () => {
    for (const scenario of EMULATOR_SCENARIOS)
      expect(EmulatorScenario.unwrap().strict().parse(scenario)).toEqual(scenario)
    const numbers = EMULATOR_SCENARIOS.map((s) => s.phoneNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(EMULATOR_SCENARIOS).toHaveLength(SCENARIO_DEFINITIONS.length)
  })

  it('forces every documented statusCode category', () => {
    const forced = SCENARIO_DEFINITIONS.flatMap((s) =>
      s.behaviour.kind === 'answer' && s.name.startsWith('statusCode ') ? [ANSWERS[s.behaviour.answer].statusCode] : [],
    )
    expect(forced.sort((a, b) => a - b)).toEqual(DOCUMENTED_STATUS_CODES)
    for (const code of DOCUMENTED_STATUS_CODES) {
      expect(scenarioFor(`1000000${String(code).padStart(4, '0')}`)?.name).toBe(`statusCode ${code}`)
    }
  })

  it('has the transport scenarios', () => {
    const kinds = SCENARIO_DEFINITIONS.map((s) => s.behaviour.kind)
    expect(kinds).toContain('drop')
    expect(SCENARIO_DEFINITIONS.map((s) => s.name)).toEqual(
      expect.arrayContaining(['slow answer', 'timeout', 'dropped connection', 'HTTP 502 with HTML', 'malformed JSON']),
    )
  })

  it('uses numbers no mainland phone can have', () => {
    for (const { phoneNumber } of EMULATOR_SCENARIOS) {
      expect(phoneNumber).toMatch(/^100\d{8}$/)
      expect(parsePhoneNumberFromString(`+86${phoneNumber}`)?.isValid() ?? false, phoneNumber).toBe(false)
    }
  })
})

describe('README.md', () => {
  it('lists every reserved number with its scenario name', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../src-main/emulator/README.md'), 'utf8')
    for (const { phoneNumber, name } of EMULATOR_SCENARIOS) {
      expect(readme, phoneNumber).toContain(`| \`${phoneNumber}\` | ${name} |`)
    }
  })
})
