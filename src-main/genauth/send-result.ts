import type { RecordedResponse, ResultKind } from '../shared/contract/send'

// Only a send classifies an answer: a read-only command line call should not load Node's HTTP stack.
const http = () => process.getBuiltinModule('node:http')

/** The part of a SendResult that depends only on what came back. */
export interface AnswerFields {
  kind: ResultKind
  httpStatus: number | null
  statusCode: number | null
  apiCode: number | null
  message: string | null
  requestId: string | null
  errorCode: string | null
  errorMessage: string | null
  response: RecordedResponse | null
}

/** Undocumented, but common gateway headers; the body's requestId wins when both exist. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-authing-request-id', 'x-genauth-request-id', 'request-id']

/**
 * Reads a complete HTTP answer the way the V3 API defines it: HTTP 2xx with a JSON body whose
 * `statusCode` 200 is the only success. Anything else is described, never thrown.
 */
export function classifyResponse(response: RecordedResponse): AnswerFields {
  const json = parseObject(response.body)
  const fields = {
    httpStatus: response.status,
    statusCode: json ? integer(json.statusCode) : null,
    apiCode: json ? apiCodeOf(json.apiCode) : null,
    message: json && typeof json.message === 'string' ? json.message : null,
    requestId: (json && nonEmptyString(json.requestId)) ?? requestIdHeader(response.headers),
    response,
  }

  if (response.status < 200 || response.status > 299) {
    const reason = http().STATUS_CODES[response.status]
    return {
      ...fields,
      kind: 'http-failure',
      errorCode: null,
      errorMessage: `HTTP ${response.status}${reason ? ` ${reason}` : ''}`,
    }
  }
  if (!json) {
    return { ...fields, kind: 'unparseable-body', errorCode: null, errorMessage: 'The answer is not a JSON object.' }
  }
  if (fields.statusCode === null) {
    return {
      ...fields,
      kind: 'unparseable-body',
      errorCode: null,
      errorMessage: 'The JSON answer has no numeric statusCode.',
    }
  }
  return {
    ...fields,
    kind: fields.statusCode === 200 ? 'success' : 'business-failure',
    errorCode: null,
    errorMessage: null,
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null
}

/** V3 sends a number; V2-era answers sent apiCode as a digit string, which is read too. */
function apiCodeOf(value: unknown): number | null {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value)
  return integer(value)
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function requestIdHeader(headers: Record<string, string>): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name]
    if (value) return value
  }
  return null
}
