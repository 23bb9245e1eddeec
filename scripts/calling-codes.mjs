// Writes src-main/shared/phone/calling-codes.ts: the calling codes of every country libphonenumber-js
// knows, as a plain list, so checking a typed country code does not parse its full metadata. Run it
// after upgrading libphonenumber-js; tests/main/shared/phone/calling-codes.test.ts fails until then.
// Usage: node scripts/calling-codes.mjs
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max'
import { format, resolveConfig } from 'prettier'

const codes = [...new Set(getCountries().map((country) => getCountryCallingCode(country)))].sort(
  (a, b) => Number(a) - Number(b),
)
const target = join(import.meta.dirname, '..', 'src-main', 'shared', 'phone', 'calling-codes.ts')
const source = `// Written by scripts/calling-codes.mjs from libphonenumber-js's metadata; do not edit by hand.

/**
 * The calling code of every country libphonenumber knows, without the plus (\`86\`, \`1\`, \`44\`). A list
 * rather than a look-up in the metadata: checking a country code then costs nothing at start, where
 * parsing the full metadata costs a command line call 10 to 20 ms.
 */
export const CALLING_CODES: ReadonlySet<string> = new Set([${codes.join(', ')}].map(String))
`
// Formatted as the rest of the tree, so writing it again changes nothing.
writeFileSync(target, await format(source, { ...(await resolveConfig(target)), filepath: target }))
console.log(`${codes.length} calling codes written to src-main/shared/phone/calling-codes.ts`)
