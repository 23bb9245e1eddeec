import fc from 'fast-check'
import {
  ENVIRONMENTS,
  LANGUAGES,
  OUTCOMES,
  SECRET_KINDS,
  SMS_CHANNELS,
  TLS_MODES,
  type CallName,
  type ErrorCode,
  type SmsChannel,
} from '../../../src-main/shared/contract'

/**
 * Generated payloads for every contract call, written from the schemas in src-main/shared/contract by hand so
 * that they test the schemas instead of trusting them. Two families:
 * - `invalidPayload`: each one breaks the call's input schema on purpose (a required field missing, a
 *   field of the wrong type or out of range, a string over its limit, an unknown or prototype-polluting
 *   key, a nested object broken the same ways, or no object at all); the only right answer is
 *   `invalid-input`, before any service runs.
 * - `harmlessPayload`: valid-shaped inputs that reach the services but must not change anything: reads,
 *   and writes aimed at a profile that does not exist, a name that is taken, a host that is refused, a
 *   production profile without confirmation, an invalid phone or a phone in cooldown.
 */

/** `ipc`: anything Electron's structured clone can carry; `json`: what survives the HTTP host's JSON. */
export type Transport = 'ipc' | 'json'

export type Common = { optional?: boolean; nullable?: boolean }
export type Field = Common &
  (
    | { kind: 'text'; min: number; max: number; trim: boolean; valid?: fc.Arbitrary<string> }
    | { kind: 'enum'; values: readonly string[] }
    | { kind: 'bool' }
    | { kind: 'int'; min?: number; max?: number }
    | { kind: 'number' }
    | { kind: 'true' }
    | { kind: 'countryCode' }
    | { kind: 'object'; shape: Shape }
  )
export type Shape = Record<string, Field>

const text = (
  max: number,
  options: Common & { min?: number; trim?: boolean; valid?: fc.Arbitrary<string> } = {},
): Field => ({
  kind: 'text',
  max,
  min: options.min ?? 0,
  trim: options.trim ?? false,
  valid: options.valid,
  optional: options.optional,
  nullable: options.nullable,
})
const oneOf = (values: readonly string[], options: Common = {}): Field => ({ kind: 'enum', values, ...options })
const bool = (options: Common = {}): Field => ({ kind: 'bool', ...options })
const int = (options: Common & { min?: number; max?: number } = {}): Field => ({ kind: 'int', ...options })
const num = (options: Common = {}): Field => ({ kind: 'number', ...options })
const object = (shape: Shape, options: Common = {}): Field => ({ kind: 'object', shape, ...options })

const profileId = text(200, { min: 1 })
/** Names, App IDs and notes refuse control characters; names also invisible and direction characters. */
const CONTROL = /\p{Cc}/u
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u
/** Names are stored in NFC with runs of white space made one space; the length limit applies to that. */
export const storedName = (value: string) => value.normalize('NFC').replace(/\s+/gu, ' ').trim()
// Built on first use: textValue's strings are defined further down this module.
const printable = (min: number, max: number, trim: boolean) =>
  fc
    .constant(null)
    .chain(() => textValue(min, max, trim))
    .filter((value) => !CONTROL.test(value))
const validName = printable(1, 80, true).filter(
  (value) => !INVISIBLE.test(value) && storedName(value).length >= 1 && storedName(value).length <= 80,
)
export const PROFILE_FIELDS: Shape = {
  name: text(80, { min: 1, trim: true, valid: validName }),
  environment: oneOf(ENVIRONMENTS),
  appHost: text(300, { min: 1, trim: true }),
  appId: text(200, { min: 1, trim: true, valid: printable(1, 200, true) }),
  language: oneOf(['auto', ...LANGUAGES], { optional: true }),
  timeoutMs: int({ min: 1000, max: 120_000, optional: true }),
  headerFamily: oneOf(['both', 'genauth', 'authing'], { optional: true }),
}
const historyFilter: Shape = {
  profileId: text(200, { optional: true }),
  operator: text(200, { optional: true }),
  channel: oneOf(SMS_CHANNELS, { optional: true }),
  outcome: oneOf(OUTCOMES, { optional: true }),
  statusCode: int({ optional: true }),
  apiCode: int({ optional: true }),
  phone: text(32, { optional: true }),
  requestId: text(200, { optional: true }),
  from: num({ optional: true }),
  to: num({ optional: true }),
}
const countryCode: Field = { kind: 'countryCode', optional: true }
const teamDatabase: Shape = {
  host: text(255, { min: 1, trim: true }),
  port: int({ min: 1, max: 65_535, optional: true }),
  database: text(63, { min: 1, trim: true }),
  user: text(63, { min: 1, trim: true }),
  tls: oneOf(TLS_MODES, { optional: true }),
  caFile: text(4096, { optional: true }),
}

/** A send's input: `sms.send` and `sms.preview` take the same. */
const SEND_SHAPE: Shape = {
  profileId,
  channel: oneOf(SMS_CHANNELS),
  phoneNumber: text(32, { min: 1, trim: true }),
  phoneCountryCode: countryCode,
  accessToken: text(8192, { optional: true }),
  note: text(500, { optional: true, valid: printable(0, 500, false) }),
  overrideCooldown: bool({ optional: true }),
  overrideValidation: bool({ optional: true }),
  confirmed: bool({ optional: true }),
}

/** Each call's input, as calls.ts declares it. */
export const INPUT_SHAPES: Record<CallName, Shape> = {
  'app.info': {},
  'app.dismissWarning': { id: text(100, { min: 1 }) },
  'catalog.get': {},
  'profiles.list': {},
  'profiles.create': { fields: object(PROFILE_FIELDS) },
  'profiles.update': { id: profileId, fields: object(PROFILE_FIELDS) },
  'profiles.duplicate': { id: profileId },
  'profiles.delete': { id: profileId },
  'profiles.setActive': { id: profileId },
  'profiles.setSecret': { id: profileId, kind: oneOf(SECRET_KINDS), value: text(8192, { min: 1, nullable: true }) },
  'profiles.export': {},
  'profiles.import': { json: text(1_000_000) },
  'keychain.status': {},
  'sms.send': SEND_SHAPE,
  'sms.preview': SEND_SHAPE,
  'cooldown.forPhone': { profileId, phoneNumber: text(32), phoneCountryCode: countryCode },
  'history.query': {
    filter: object(historyFilter, { optional: true }),
    cursor: object({ createdAt: num(), id: int() }, { optional: true }),
    limit: int({ min: 1, max: 500, optional: true }),
  },
  'history.get': { id: int(), revealPhone: bool({ optional: true }) },
  'history.export': {
    filter: object(historyFilter, { optional: true }),
    format: oneOf(['csv', 'json']),
    revealPhones: bool({ optional: true }),
  },
  'history.clear': { confirm: { kind: 'true' } },
  'request.reproduce': { entryId: int() },
  'settings.get': {},
  'settings.update': {
    language: oneOf(LANGUAGES, { optional: true, nullable: true }),
    theme: oneOf(['system', 'light', 'dark'], { optional: true }),
    retentionDays: int({ min: 1, max: 3650, optional: true, nullable: true }),
    retentionMaxEntries: int({ min: 100, max: 10_000_000, optional: true, nullable: true }),
    keychainBackend: oneOf(['keytar', 'napi-keyring'], { optional: true }),
    teamDatabase: object(teamDatabase, { optional: true, nullable: true }),
  },
  'team.status': {},
  'team.test': { config: object(teamDatabase), password: text(1024, { min: 1, optional: true }) },
  'team.setPassword': { value: text(1024, { min: 1, nullable: true }) },
}

/** Strings that have broken parsers, renderers or SQL before. */
const TRICKY_STRINGS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'local-sandbox',
  'Local sandbox',
  '\u0000',
  '\u202eevil',
  '😀👍🏽',
  'ｆｕｌｌｗｉｄｔｈ',
  'İı',
  '\ud800',
  '\udfff',
  '<script>alert(1)</script>',
  "'; DROP TABLE history; --",
  '%s%n%d',
  '${process.exit()}',
  '../../etc/passwd',
  '\r\n\t',
  'null',
  'NaN',
  '{}',
  '1e309',
]

/** Own keys a polluting payload uses; JSON.parse makes `__proto__` an own property, as a transport would. */
const POLLUTING_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"toString":"polluted","valueOf":"polluted"}}',
  '{"__proto__":null}',
  '{"__proto__":[1,2,3]}',
]
const SUSPICIOUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
  'isAdmin',
]

const jsonDouble = fc.double({ noNaN: true, noDefaultInfinity: true })

export function textValue(min: number, max: number, trim: boolean): fc.Arbitrary<string> {
  const boundary = 'x'.repeat(Math.min(max, 10_000))
  return fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: 24 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(...TRICKY_STRINGS),
      fc.constant(boundary),
    )
    .filter((value) => {
      const length = (trim ? value.trim() : value).length
      return length >= min && length <= max
    })
}

/** Plain values and, over IPC, what structured clone adds: bigint, Map, Set, Date, typed arrays, cycles. */
function anyValue(transport: Transport): fc.Arbitrary<unknown> {
  if (transport === 'json') return fc.jsonValue({ maxDepth: 3 })
  return fc.oneof(
    fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
    }),
    fc.constant(cyclic()),
  )
}

function cyclic(): unknown {
  const value: Record<string, unknown> = { name: 'cycle' }
  value.self = value
  return value
}

/** Values of no use where a string is expected. */
function notAString(transport: Transport, allowNull: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    transport === 'json' ? jsonDouble : fc.double(),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    ...(allowNull ? [fc.constant(null)] : []),
    ...(transport === 'ipc'
      ? [fc.bigInt(), fc.constant(new Map([['a', 1]])), fc.constant(new Uint8Array([1, 2]))]
      : []),
  )
}

/** Values of no use where a number is expected (NaN and Infinity only over IPC: JSON turns them into null). */
function notANumber(transport: Transport, allowNull: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer().map(String),
    fc.constantFrom('', '1e3', '0x10', ' 7 '),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
    ...(allowNull ? [fc.constant(null)] : []),
    ...(transport === 'ipc' ? [fc.constantFrom(NaN, Infinity, -Infinity), fc.bigInt()] : []),
  )
}

/** A value that makes the field invalid; never `undefined` (a missing field is its own mutation). */
function wrongValue(field: Field, transport: Transport): fc.Arbitrary<unknown> {
  const allowNull = !field.nullable
  switch (field.kind) {
    case 'text': {
      const wrong: fc.Arbitrary<unknown>[] = [
        notAString(transport, allowNull),
        fc.nat({ max: 40 }).map((extra) => 'y'.repeat(field.max + 1 + extra)),
      ]
      if (field.max < 1000) wrong.push(fc.constant('w'.repeat(100_000)))
      if (field.min > 0) wrong.push(fc.constantFrom(...(field.trim ? ['', ' ', '\t\n', '\u3000'] : [''])))
      return fc.oneof(...wrong)
    }
    case 'enum':
      return fc.oneof(
        fc.string({ maxLength: 24 }).filter((value) => !field.values.includes(value)),
        fc
          .constantFrom(
            ...field.values.flatMap((value) => [
              value.toLowerCase(),
              ` ${value}`,
              `${value}\u0000`,
              value.toUpperCase(),
            ]),
          )
          .filter((value) => !field.values.includes(value)),
        notAString(transport, allowNull),
      )
    case 'bool':
      return fc.oneof(
        fc.constantFrom('true', 'false', 0, 1, '', 'yes', [], {}),
        fc.integer(),
        ...(allowNull ? [fc.constant(null)] : []),
      )
    case 'int': {
      const outOfRange: fc.Arbitrary<unknown>[] = []
      if (field.min !== undefined) outOfRange.push(fc.integer({ min: -(2 ** 31), max: field.min - 1 }))
      if (field.max !== undefined) outOfRange.push(fc.integer({ min: field.max + 1, max: 2 ** 31 }))
      return fc.oneof(
        jsonDouble.filter((value) => !Number.isSafeInteger(value)),
        fc.constantFrom(0.5, -1.25, 2 ** 53, -(2 ** 53), 1e300),
        notANumber(transport, allowNull),
        ...outOfRange,
      )
    }
    case 'number':
      return notANumber(transport, allowNull)
    case 'true':
      return fc.constantFrom(false, 'true', 1, 0, null, 'yes', [], {})
    case 'countryCode':
      return fc.oneof(
        // Not a calling code: `+0` and `+999` have the shape but no country.
        fc.constantFrom('+', '+12345', '+8a', '＋86', '+٨٦', '++86', '', '+-1', '+0', '+999'),
        notAString(transport, true),
      )
    case 'object':
      return fc.oneof(
        { arbitrary: notAnObject(transport, { nullish: false, exotic: hasRequired(field.shape) }), weight: 1 },
        ...(field.nullable ? [] : [{ arbitrary: fc.constant(null), weight: 1 }]),
        { arbitrary: invalidObject(field.shape, transport), weight: 4 },
      )
  }
}

function validValue(field: Field, transport: Transport): fc.Arbitrary<unknown> {
  const value = ((): fc.Arbitrary<unknown> => {
    switch (field.kind) {
      case 'text':
        return field.valid ?? textValue(field.min, field.max, field.trim)
      case 'enum':
        return fc.constantFrom(...field.values)
      case 'bool':
        return fc.boolean()
      case 'int':
        return field.min === undefined && field.max === undefined
          ? fc.oneof(
              fc.integer(),
              fc.maxSafeInteger(),
              fc.maxSafeNat().map((n) => -n),
            )
          : fc.integer({ min: field.min ?? -(2 ** 31), max: field.max ?? 2 ** 31 })
      case 'number':
        return jsonDouble
      case 'true':
        return fc.constant(true)
      case 'countryCode':
        // Calling codes, in the spellings the console reads as one (`86`, `+086` and ` +86 ` are `+86`).
        return fc.constantFrom('+86', '+1', '+44', '+852', '+81', '+49', '+7', '86', '+086', ' +86 ')
      case 'object':
        return validObject(field.shape, transport)
    }
  })()
  return field.nullable ? fc.oneof(value, fc.constant(null)) : value
}

function hasRequired(shape: Shape): boolean {
  return Object.values(shape).some((field) => !field.optional)
}

/** A valid object for the shape; optional fields come and go. */
export function validObject(
  shape: Shape,
  transport: Transport,
  overrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, field] of Object.entries(shape)) model[key] = overrides[key] ?? validValue(field, transport)
  const requiredKeys = Object.entries(shape)
    .filter(([key, field]) => !field.optional || key in overrides)
    .map(([key]) => key)
  return fc.record(model, { requiredKeys })
}

/** Not an object at all. `nullish`: null and undefined (the dispatcher reads both as `{}`); `exotic`: Map, Date... (zod sees them as objects without keys). */
function notAnObject(transport: Transport, allow: { nullish: boolean; exotic: boolean }): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('{}', '[]', 'null'),
    fc.boolean(),
    fc.array(anyValue(transport), { maxLength: 3 }),
    ...(allow.nullish ? [fc.constantFrom(null, undefined)] : []),
    ...(transport === 'ipc' ? [fc.bigInt(), fc.constant(NaN)] : []),
    ...(transport === 'ipc' && allow.exotic
      ? [fc.constantFrom<unknown>(new Map(), new Set([1]), new Date(0), /re/g, new Uint8Array(4))]
      : []),
  )
}

/** A copy of `value` with an own property `key`, even for `__proto__`. */
function withOwnKey(value: Record<string, unknown>, key: string, item: unknown): Record<string, unknown> {
  const copy = { ...value }
  Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true })
  return copy
}

function mergeOwn(value: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  let merged = value
  for (const key of Object.keys(extra)) merged = withOwnKey(merged, key, extra[key])
  return merged
}

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value }
  delete copy[key]
  return copy
}

function invalidObject(shape: Shape, transport: Transport): fc.Arbitrary<unknown> {
  const keys = Object.keys(shape)
  const required = keys.filter((key) => !shape[key]!.optional)
  const valid = validObject(shape, transport)
  const extraKey = fc
    .oneof(fc.constantFrom(...SUSPICIOUS_KEYS), fc.string({ maxLength: 20 }))
    .filter((key) => !Object.hasOwn(shape, key))
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.tuple(valid, extraKey, anyValue(transport)).map(([value, key, item]) => withOwnKey(value, key, item)),
    fc
      .tuple(valid, fc.constantFrom(...POLLUTING_JSON))
      .map(([value, json]) => mergeOwn(value, JSON.parse(json) as Record<string, unknown>)),
  ]
  if (required.length > 0) {
    mutations.push(fc.tuple(valid, fc.constantFrom(...required)).map(([value, key]) => omit(value, key)))
  }
  if (keys.length > 0) {
    mutations.push(
      fc
        .constantFrom(...keys)
        .chain((key) =>
          fc.tuple(valid, wrongValue(shape[key]!, transport)).map(([value, item]) => withOwnKey(value, key, item)),
        ),
    )
  }
  return fc.oneof(...mutations)
}

/** An input the call's schema must refuse. */
export function invalidPayload(name: CallName, transport: Transport): fc.Arbitrary<unknown> {
  const shape = INPUT_SHAPES[name]
  const required = hasRequired(shape)
  return fc.oneof(
    { arbitrary: invalidObject(shape, transport), weight: 8 },
    { arbitrary: notAnObject(transport, { nullish: required, exotic: required }), weight: 1 },
    { arbitrary: fc.constantFrom(...POLLUTING_JSON).map((json) => JSON.parse(json) as unknown), weight: 1 },
  )
}

/** What the fuzzed services hold before the payloads arrive. */
export type FuzzContext = {
  profileIds: string[]
  profileNames: string[]
  productionId: string
  stagingId: string
  entryIds: number[]
  /** A sandbox phone and channel that sent successfully just now, so it is cooling down. */
  cooled: { phoneNumber: string; phoneCountryCode: string; channel: SmsChannel }
}

export type Expected = 'ok' | ErrorCode
export type HarmlessPayload = { input: unknown; expect: readonly Expected[]; why: string }

const SANDBOX_ID = 'local-sandbox'
export const ACCEPTED_HOSTS = [
  'https://example.genauth.ai',
  'example.genauth.ai',
  'http://127.0.0.1:9',
  'http://localhost:1/prefix',
]
/** How each accepted host is stored: as the URL parser reads it. */
export const STORED_HOSTS: Record<string, string> = {
  'https://example.genauth.ai': 'https://example.genauth.ai',
  'example.genauth.ai': 'https://example.genauth.ai',
  'http://127.0.0.1:9': 'http://127.0.0.1:9',
  'http://localhost:1/prefix': 'http://localhost:1/prefix',
}
export const REFUSED_HOSTS = [
  'https:\\\\example.com',
  'https://example.com\\@evil.com',
  'https://:@example.com',
  'https://example.com:0',
  'embedded-emulator',
  ' EMBEDDED-EMULATOR ',
  'ftp://example.com',
  'http://example.com',
  'https://user:pw@example.com',
  'https://example.com/?q=1',
  'https://example.com/api/v3/send-sms',
  'exa mple.com',
  'https://',
  'http://[::1',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://127.0.0.1.evil.com',
  'http://169.254.169.254',
]

function harmless(
  input: fc.Arbitrary<unknown>,
  expect: readonly Expected[],
  why: string,
): fc.Arbitrary<HarmlessPayload> {
  return input.map((value) => ({ input: value, expect, why }))
}

/** Valid-shaped inputs that must leave the profiles, settings and history as they were; null when a call has none. */
export function harmlessPayload(
  name: CallName,
  context: FuzzContext,
  transport: Transport,
): fc.Arbitrary<HarmlessPayload> | null {
  const shape = INPUT_SHAPES[name]
  const unknownId = textValue(1, 200, false).filter((id) => !context.profileIds.includes(id))
  const fields = (overrides: Record<string, fc.Arbitrary<unknown>>) => validObject(PROFILE_FIELDS, transport, overrides)
  const takenName = fc
    .constantFrom(...context.profileNames)
    .chain((taken) => fc.constantFrom(taken, taken.toUpperCase(), `  ${taken.toLowerCase()}\t`))
  const acceptedHost = fc.constantFrom(...ACCEPTED_HOSTS)
  const refusedHost = fc.constantFrom(...REFUSED_HOSTS)
  switch (name) {
    case 'app.info':
    case 'catalog.get':
    case 'profiles.list':
    case 'profiles.export':
    case 'keychain.status':
    case 'settings.get':
    case 'team.status':
      return harmless(fc.constantFrom({}, null, undefined), ['ok'], 'read')
    case 'app.dismissWarning':
      // Dismissing a warning that is not there (or no longer) changes nothing and is not an error.
      return harmless(fc.record({ id: textValue(1, 100, false) }), ['ok'], 'unknown warning')
    case 'profiles.create':
      return fc.oneof(
        harmless(
          fields({ name: takenName, appHost: acceptedHost }).map((f) => ({ fields: f })),
          ['conflict'],
          'taken name',
        ),
        harmless(
          fields({ appHost: refusedHost }).map((f) => ({ fields: f })),
          ['invalid-host'],
          'refused host',
        ),
      )
    case 'profiles.update':
      return fc.oneof(
        harmless(fc.record({ id: unknownId, fields: fields({ appHost: acceptedHost }) }), ['not-found'], 'unknown id'),
        harmless(
          fc.record({ id: fc.constant(SANDBOX_ID), fields: fields({ appHost: acceptedHost }) }),
          ['conflict'],
          'moving the built-in sandbox',
        ),
        harmless(
          fc.record({ id: fc.constant(context.stagingId), fields: fields({ appHost: refusedHost }) }),
          ['invalid-host'],
          'refused host',
        ),
        harmless(
          fc.record({
            id: fc.constant(context.stagingId),
            fields: fields({ name: fc.constantFrom('Local sandbox', 'LOCAL SANDBOX'), appHost: acceptedHost }),
          }),
          ['conflict'],
          'taken name',
        ),
      )
    case 'profiles.duplicate':
    case 'profiles.delete':
      return fc.oneof(
        harmless(fc.record({ id: unknownId }), ['not-found'], 'unknown id'),
        harmless(fc.constant({ id: SANDBOX_ID }), ['conflict'], 'the built-in sandbox'),
      )
    case 'profiles.setActive':
      return harmless(fc.record({ id: unknownId }), ['not-found'], 'unknown id')
    case 'profiles.setSecret':
      return harmless(
        fc.record({
          id: unknownId,
          kind: fc.constantFrom(...SECRET_KINDS),
          // Rarely a value: the handler marks every value as a secret for the log's redaction.
          value: fc.oneof(
            { arbitrary: fc.constant(null), weight: 9 },
            { arbitrary: textValue(1, 8192, false), weight: 1 },
          ),
        }),
        ['not-found'],
        'unknown id',
      )
    case 'profiles.import':
      return fc.oneof(
        harmless(fc.record({ json: textValue(0, 1_000_000, false) }), ['invalid-input'], 'not an export'),
        harmless(
          fc.jsonValue({ maxDepth: 3 }).map((value) => ({ json: JSON.stringify(value) })),
          ['invalid-input'],
          'JSON, not an export',
        ),
        harmless(
          fc
            .record(
              {
                format: fc.constantFrom('genauth-sms-console.profiles', 'genauth-sms-console.profile', ''),
                version: fc.constantFrom(1, 2, '1'),
                exportedAt: fc.string({ maxLength: 30 }),
                profiles: fc.array(fields({ appHost: refusedHost }), { maxLength: 3 }),
              },
              { requiredKeys: ['format', 'version', 'profiles'] },
            )
            .map((document) => ({ json: JSON.stringify(document) })),
          // An export with no profiles is valid and imports nothing.
          ['invalid-input', 'ok'],
          'export with refused hosts',
        ),
      )
    case 'sms.send': {
      const send = (overrides: Record<string, fc.Arbitrary<unknown>>) => validObject(shape, transport, overrides)
      const invalidPhone = fc
        .tuple(fc.string({ maxLength: 12 }), fc.constantFrom('a', 'x', 'Z', '零', 'O'), fc.string({ maxLength: 12 }))
        .map((parts) => parts.join(''))
        .filter((phone) => phone.trim().length >= 1 && phone.trim().length <= 32)
      return fc.oneof(
        harmless(send({ profileId: unknownId }), ['not-found'], 'unknown profile'),
        harmless(
          send({ profileId: fc.constant(context.productionId), confirmed: fc.constant(false) }),
          ['needs-confirmation'],
          'production without confirmation',
        ),
        harmless(
          send({
            profileId: fc.constantFrom(SANDBOX_ID, context.stagingId),
            phoneNumber: invalidPhone,
            overrideValidation: fc.constant(false),
          }),
          ['invalid-phone'],
          'invalid phone',
        ),
        harmless(
          send({
            profileId: fc.constant(SANDBOX_ID),
            phoneNumber: fc.constant(context.cooled.phoneNumber),
            phoneCountryCode: fc.constant(context.cooled.phoneCountryCode),
            channel: fc.constant(context.cooled.channel),
            overrideCooldown: fc.constant(false),
          }),
          ['cooldown'],
          'phone in cooldown',
        ),
      )
    }
    case 'sms.preview':
      // A preview records nothing and sends nothing, whatever it is asked: every valid input is harmless.
      return fc.oneof(
        harmless(
          validObject(shape, transport, { profileId: fc.constantFrom(...context.profileIds) }),
          // A header value the request cannot carry (a token with a control character) is refused too.
          ['ok', 'invalid-phone', 'invalid-input'],
          'preview of a known profile',
        ),
        harmless(validObject(shape, transport, { profileId: unknownId }), ['not-found'], 'unknown profile'),
      )
    case 'cooldown.forPhone':
      return fc.oneof(
        harmless(
          validObject(shape, transport, { profileId: fc.constantFrom(...context.profileIds) }),
          ['ok'],
          'known profile',
        ),
        harmless(validObject(shape, transport, { profileId: unknownId }), ['not-found'], 'unknown profile'),
      )
    case 'history.query':
    case 'history.export':
      return harmless(validObject(shape, transport), ['ok'], 'read')
    case 'history.get':
    case 'request.reproduce': {
      const key = name === 'history.get' ? 'id' : 'entryId'
      return fc.oneof(
        harmless(validObject(shape, transport, { [key]: fc.constantFrom(...context.entryIds) }), ['ok'], 'known entry'),
        harmless(
          validObject(shape, transport, {
            [key]: validValue(int(), transport).filter((id) => !context.entryIds.includes(id as number)),
          }),
          ['not-found'],
          'unknown entry',
        ),
      )
    }
    case 'history.clear':
    case 'settings.update':
    case 'team.setPassword':
      // Every valid input changes something: these calls get invalid payloads only.
      return null
    case 'team.test':
      // A valid input connects to whatever host it names: this call gets invalid payloads only.
      return null
  }
}

/** Names that are not calls: prototype members, near misses, other types. */
export function unknownCallName(callNames: readonly string[]): fc.Arbitrary<unknown> {
  return fc
    .oneof(
      fc.constantFrom(
        'constructor',
        '__proto__',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'sms.send ',
        'SMS.SEND',
        'sms.send\u0000',
        'sms',
        'rpc:sms.send',
        'sms.send/../history.clear',
        '',
      ),
      fc.string({ maxLength: 30 }),
      fc.anything({ maxDepth: 1 }),
    )
    .filter((name) => !callNames.includes(name as string))
}
