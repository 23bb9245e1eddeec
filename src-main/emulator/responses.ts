import type { Language } from '../shared/contract/channels'

/**
 * One business answer of the emulator. `synthetic` marks answers GenAuth does not document for this
 * situation: their statusCode, apiCode and text are the emulator's choice until the real ones are
 * known, and every such apiCode is listed in the catalog with source `emulator` or as documented.
 */
export interface EmulatorAnswer {
  /** HTTP status of the answer; V3 answers HTTP 200 and puts the outcome in the body. */
  httpStatus: number
  statusCode: number
  apiCode?: number
  message: Record<Language, string>
  synthetic: boolean
  /** Where the answer comes from, for readers of this table. */
  basis: string
}

const documentedCategory = 'statusCode category documented on the V3 error-code page; its use by send-sms is not'

/** Every answer the emulator gives, in one table: behaviour changes here, not in the server code. */
export const ANSWERS = {
  success: {
    httpStatus: 200,
    statusCode: 200,
    message: { 'zh-CN': '操作成功', 'en-US': 'Operation successful' },
    synthetic: false,
    basis: 'documented send-sms success examples',
  },
  throttled: {
    httpStatus: 200,
    statusCode: 429,
    message: {
      'zh-CN': '您的请求已超过最大数量限制，请稍后重试',
      'en-US': 'Your requests have exceeded the maximum limit, please try again later',
    },
    synthetic: false,
    basis: 'documented generic throttle shape (no apiCode); its use for the 60 s cooldown is not verified',
  },
  unknownApp: {
    httpStatus: 200,
    statusCode: 499,
    apiCode: 2011,
    message: { 'zh-CN': '应用不存在', 'en-US': 'Application not found' },
    synthetic: true,
    basis: 'apiCode 2011 is documented; statusCode 499 follows the V2 page example, V3 does not say',
  },
  bodyNotJson: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99001,
    message: { 'zh-CN': '请求体必须是 JSON 对象', 'en-US': 'The request body must be a JSON object' },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  channelMissing: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99002,
    message: { 'zh-CN': '缺少参数 channel', 'en-US': 'channel is required' },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  channelUnknown: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99003,
    message: { 'zh-CN': 'channel 取值不合法', 'en-US': 'channel is not a known SMS channel' },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  phoneMissing: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99004,
    message: { 'zh-CN': '缺少参数 phoneNumber', 'en-US': 'phoneNumber is required' },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  phoneHasCountryCode: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99005,
    message: {
      'zh-CN': '手机号不能包含国家区号，请使用 phoneCountryCode',
      'en-US': 'phoneNumber must not contain the country code; use phoneCountryCode',
    },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  phoneMalformed: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99006,
    message: { 'zh-CN': '手机号格式不正确', 'en-US': 'phoneNumber is not a valid phone number' },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  countryCodeMalformed: {
    httpStatus: 200,
    statusCode: 400,
    apiCode: 99007,
    message: { 'zh-CN': '国家区号格式不正确', 'en-US': 'phoneCountryCode must be + followed by 1 to 4 digits' },
    synthetic: true,
    basis: 'emulator-only apiCode',
  },
  bodyTooLarge: {
    httpStatus: 200,
    statusCode: 413,
    apiCode: 99008,
    message: { 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
    synthetic: true,
    basis: 'emulator-only apiCode; the emulator reads at most 64 KiB',
  },
  routeNotFound: {
    httpStatus: 404,
    statusCode: 404,
    message: { 'zh-CN': '接口不存在', 'en-US': 'Not found' },
    synthetic: true,
    basis: 'the emulator serves only POST /api/v3/send-sms',
  },

  forcedInvalidArgument: forced(400, { 'zh-CN': '参数错误', 'en-US': 'Invalid argument' }),
  forcedUnauthorized: forced(401, { 'zh-CN': '尚未登录，无访问权限', 'en-US': 'Not logged in, no access' }, 2020),
  forcedPaymentNeeded: forced(
    402,
    { 'zh-CN': '当前套餐不支持该功能，请升级', 'en-US': 'Your plan does not include this feature, please upgrade' },
    4021,
  ),
  forcedForbidden: forced(403, { 'zh-CN': '无权限执行此操作', 'en-US': 'Forbidden' }),
  forcedNotFound: forced(404, { 'zh-CN': '用户不存在', 'en-US': 'User does not exist' }, 2004),
  forcedConflict: forced(409, { 'zh-CN': '手机号已被绑定', 'en-US': 'The phone number is already bound' }),
  forcedPayloadTooLarge: forced(413, { 'zh-CN': '请求体过大', 'en-US': 'Payload too large' }),
  forcedInvalidOperation: forced(422, { 'zh-CN': '操作不合法', 'en-US': 'Invalid operation' }),
  forcedClientError: forced(499, { 'zh-CN': '客户端错误', 'en-US': 'Client error' }),
  forcedServerError: forced(500, { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' }),
  forcedUnsupported: forced(501, { 'zh-CN': '不支持的操作', 'en-US': 'Unsupported operation' }),
  forcedBadGateway: forced(502, { 'zh-CN': '短信服务商返回错误', 'en-US': 'The SMS provider returned an error' }),
  forcedUnavailable: forced(503, { 'zh-CN': '服务暂时不可用', 'en-US': 'Service unavailable' }),
  forcedEndpointRequest: forced(601, {
    'zh-CN': '请求外部端点失败',
    'en-US': 'Request to an external endpoint failed',
  }),
  forcedEndpointResponse: forced(602, {
    'zh-CN': '外部端点响应异常',
    'en-US': 'The external endpoint returned an invalid response',
  }),
  forcedCustomCode: forced(603, { 'zh-CN': '自定义代码执行出错', 'en-US': 'Custom code error' }),
  gatewayUnavailable: {
    httpStatus: 503,
    statusCode: 503,
    message: { 'zh-CN': '服务暂时不可用', 'en-US': 'Service unavailable' },
    synthetic: true,
    basis: 'a gateway answering with a non-2xx HTTP status and a JSON body; V3 itself always answers HTTP 200',
  },
} satisfies Record<string, EmulatorAnswer>

export type AnswerName = keyof typeof ANSWERS

/** A reserved-number answer in a documented statusCode category, with a documented apiCode where one fits. */
function forced(statusCode: number, message: Record<Language, string>, apiCode?: number): EmulatorAnswer {
  return {
    httpStatus: 200,
    statusCode,
    ...(apiCode === undefined ? {} : { apiCode }),
    message,
    synthetic: true,
    basis: apiCode === undefined ? documentedCategory : `${documentedCategory}; apiCode ${apiCode} is documented`,
  }
}

/** The body of an answer as the emulator sends it, in the order the V3 error-code page shows. */
export function answerBody(answer: EmulatorAnswer, lang: Language, requestId: string): string {
  const body: Record<string, unknown> = { statusCode: answer.statusCode }
  if (answer.apiCode !== undefined) body.apiCode = answer.apiCode
  body.message = answer.message[lang]
  body.requestId = requestId
  return JSON.stringify(body)
}
