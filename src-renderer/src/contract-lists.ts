import type { Environment, HeaderFamily, Outcome, SecretKind, TlsMode } from '../../src-main/contract'

/**
 * The contract's enum values as lists, for menus. The renderer imports main's contract as types only,
 * so the lists live here; a list that misses a value of its type does not compile.
 */
const everyValueOf =
  <All>() =>
  <const Listed extends readonly All[]>(
    list: Listed &
      ([Exclude<All, Listed[number]>] extends [never] ? unknown : { missing: Exclude<All, Listed[number]> }),
  ): Listed =>
    list

export const OUTCOMES = everyValueOf<Outcome>()([
  'success',
  'business-failure',
  'http-failure',
  'timeout',
  'network-failure',
  'unparseable-body',
  'sending',
  'unknown',
])

export const ENVIRONMENTS = everyValueOf<Environment>()(['production', 'staging', 'sandbox'])

export const SECRET_KINDS = everyValueOf<SecretKind>()(['appSecret', 'accessToken'])

export const HEADER_FAMILIES = everyValueOf<HeaderFamily>()(['both', 'genauth', 'authing'])

export const TLS_MODES = everyValueOf<TlsMode>()(['disable', 'require', 'verify-ca', 'verify-full'])
