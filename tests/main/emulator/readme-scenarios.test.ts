import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EMULATOR_SCENARIOS } from '../../../src-main/emulator/scenarios'

describe("README's table of reserved numbers", () => {
  it('lists exactly the numbers the emulator reserves, with their names', () => {
    const readme = readFileSync('README.md', 'utf8')
    const rows = [...readme.matchAll(/^\| `(\d+)` \| ([^|]+) \|/gm)].map(([, phone, name]) => [phone, name!.trim()])
    expect(rows).toEqual(EMULATOR_SCENARIOS.map((scenario) => [scenario.phoneNumber, scenario.name]))
  })
})
