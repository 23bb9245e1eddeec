import type { RecordedResponse, RedactedRequest, SendResult } from '../shared/contract/send'

/** The parts of an entry that are shown but never filtered on, kept together in one compressed cell. */
export interface EntryDetail {
  message: string | null
  requestId: string | null
  request: RedactedRequest | null
  response: RecordedResponse | null
}

// Loaded when a detail is first packed or unpacked: reading the cooldown never needs it.
const zlib = () => process.getBuiltinModule('node:zlib')

/**
 * A stored detail is one format byte followed by raw DEFLATE data. Format 1 compresses against a preset
 * dictionary: the text below, then the entry's own app id and phone number (known from its row, and
 * repeated in the request). An exchange is ~1 kB of JSON that is mostly the same header names, JSON keys
 * and messages every time; the dictionary brings it to ~110 bytes (without one, ~490).
 * The dictionary is part of the file format: never edit it; a better one becomes format 2 and format 1
 * stays readable.
 */
const FORMAT_1 = 1

const DICTIONARY_1 = Buffer.from(
  [
    '{"m":"Your requests have exceeded the maximum limit, please try again later","r":null,"q":',
    '{"method":"POST","url":"http://127.0.0.1:',
    '/api/v3/send-sms","headers":{"host":"127.0.0.1:',
    '","content-type":"application/json","accept":"application/json","content-length":"',
    '","x-authing-app-id":"","x-authing-lang":"en-US","x-authing-request-from":"genauth-sms-console",',
    '"x-authing-sdk-version":"genauth-sms-console:0.1.0","authorization":"[redacted]"},',
    '"body":"{\\"channel\\":\\"CHANNEL_REGISTER\\",\\"phoneNumber\\":\\"\\",\\"phoneCountryCode\\":\\"+1\\"}"},',
    '"s":{"status":200,"headers":{"content-type":"application/json; charset=utf-8","date":"Mon, Tue, Wed, ',
    'Thu, Fri, Sat, Sun, Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec 2026 GMT","connection":"close",',
    '"transfer-encoding":"chunked","server":"nginx","vary":"Origin, Accept-Encoding",',
    '"strict-transport-security":"max-age=31536000; includeSubDomains","x-powered-by":"Express",',
    '"access-control-allow-origin":"*","etag":"W/\\"","keep-alive":"timeout=5","x-request-id":"',
    '"},"body":"{\\"statusCode\\":400,\\"apiCode\\":2011,\\"message\\":\\"Operation successful\\",',
    '\\"requestId\\":\\"\\"}"}}',
    'CHANNEL_RESET_PASSWORD CHANNEL_BIND_PHONE CHANNEL_UNBIND_PHONE CHANNEL_BIND_MFA CHANNEL_VERIFY_MFA ',
    'CHANNEL_UNBIND_MFA CHANNEL_COMPLETE_PHONE CHANNEL_IDENTITY_VERIFICATION CHANNEL_DELETE_ACCOUNT ',
    '应用不存在 尚未登录，无访问权限 服务暂时不可用 您的请求已超过最大数量限制，请稍后重试 ',
    '{"m":"操作成功","r":"","q":{"method":"POST","url":"https://',
    '.authing.cn/api/v3/send-sms",',
    '"headers":{"host":"',
    '.genauth.ai","content-type":"application/json","accept":"application/json",',
    '"content-length":"80","x-authing-app-id":"","x-authing-lang":"zh-CN",',
    '"x-authing-request-from":"genauth-sms-console","x-authing-sdk-version":"genauth-sms-console:0.1.0"},',
    '"body":"{\\"channel\\":\\"CHANNEL_LOGIN\\",\\"phoneNumber\\":\\"138\\",\\"phoneCountryCode\\":\\"+86\\"}"},',
    '"s":{"status":200,"headers":{"content-type":"application/json; charset=utf-8","content-length":"',
    '","date":"","connection":"keep-alive","x-request-id":""},',
    '"body":"{\\"statusCode\\":200,\\"message\\":\\"操作成功\\",\\"requestId\\":\\"\\"}"}}',
  ].join(''),
  'utf8',
)

/** What the dictionary learns from the entry's row: the strings its exchange most likely repeats. */
export interface DetailHints {
  appId: string
  phoneNumber: string
}

function dictionary(hints: DetailHints): Buffer {
  return Buffer.concat([DICTIONARY_1, Buffer.from(`${hints.appId}"${hints.phoneNumber}`, 'utf8')])
}

export function encodeDetail(detail: EntryDetail, hints: DetailHints): Buffer {
  const json = JSON.stringify({ m: detail.message, r: detail.requestId, q: detail.request, s: detail.response })
  const packed = zlib().deflateRawSync(Buffer.from(json, 'utf8'), { level: 9, dictionary: dictionary(hints) })
  return Buffer.concat([Buffer.of(FORMAT_1), packed])
}

/**
 * The stored detail as JSON text; `parseDetail` reads it. Kept apart so a phone number can be masked in
 * the text in one pass. libsql hands BLOBs back as ArrayBuffer.
 */
export function decodeDetailText(stored: ArrayBuffer | Uint8Array, hints: DetailHints): string {
  const bytes =
    stored instanceof Uint8Array
      ? Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength)
      : Buffer.from(stored)
  if (bytes[0] !== FORMAT_1) {
    throw new Error(`The history database holds a detail in unknown format ${bytes[0]}; a newer version wrote it.`)
  }
  return zlib()
    .inflateRawSync(bytes.subarray(1), { dictionary: dictionary(hints) })
    .toString('utf8')
}

export function parseDetail(json: string): EntryDetail {
  const parsed = JSON.parse(json) as {
    m: string | null
    r: string | null
    q: RedactedRequest | null
    s: RecordedResponse | null
  }
  return { message: parsed.m, requestId: parsed.r, request: parsed.q, response: parsed.s }
}

/** The stored detail of a finished send, as both history stores record it. */
export function completionDetail(result: SendResult, hints: DetailHints): Buffer {
  return encodeDetail(
    {
      message: result.message ?? transportMessage(result),
      requestId: result.requestId,
      request: result.request,
      response: result.response,
    },
    hints,
  )
}

/** For a send that got no business answer, the transport's own words (`ECONNREFUSED: connect ...`). */
function transportMessage(result: SendResult): string | null {
  const parts = [result.errorCode, result.errorMessage].filter((part): part is string => Boolean(part))
  if (parts.length === 2 && parts[1]!.includes(parts[0]!)) return parts[1]!
  return parts.length > 0 ? parts.join(': ') : null
}
