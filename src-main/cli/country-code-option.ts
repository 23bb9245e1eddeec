import { InvalidArgumentError } from 'commander'
import { CountryCode } from '../shared/contract/send'

/** `+86`, or `86` given without its plus: the contract's own reading. */
export function parseCountryCode(value: string): string {
  const parsed = CountryCode.safeParse(value)
  if (!parsed.success) throw new InvalidArgumentError('expected + followed by a calling code, like +86')
  return parsed.data
}
