import type { EmulatorScenario } from '../shared/contract/app-info'
import type { AnswerName } from './responses'

/** What the emulator does when it receives a reserved phone number. */
export type ScenarioBehaviour =
  /** Answer at once. */
  | { kind: 'answer'; answer: AnswerName }
  /** Answer after a delay. */
  | { kind: 'delayed'; delayMs: number; answer: AnswerName }
  /** Never answer: the connection stays open until the client gives up or the emulator closes. */
  | { kind: 'hold' }
  /** Destroy the socket after reading the request, without any response. */
  | { kind: 'drop' }
  /** Send a fixed non-V3 answer, as a gateway or a broken server would. */
  | { kind: 'raw'; httpStatus: number; contentType: string; body: string; requestIdHeader: boolean }

export interface ScenarioDefinition extends EmulatorScenario {
  behaviour: ScenarioBehaviour
}

/**
 * Reserved numbers: 11 digits starting `100`. Mainland China mobile numbers start with 13-19, so these
 * can never reach a real phone, yet they have the length of a mainland number. `1000000` followed by a
 * statusCode forces that business answer; `100000090xx` forces a transport behaviour. They act whatever
 * the country code, are never throttled, and still need a known App ID and a valid channel.
 */
const forcedStatus: Array<[number, AnswerName, string]> = [
  [200, 'success', 'success (statusCode 200), without starting a cooldown'],
  [400, 'forcedInvalidArgument', 'InvalidArgumentError (statusCode 400)'],
  [401, 'forcedUnauthorized', 'UnauthorizedError (statusCode 401, apiCode 2020)'],
  [402, 'forcedPaymentNeeded', 'PaymentNeededError (statusCode 402, apiCode 4021)'],
  [403, 'forcedForbidden', 'ForbiddenError (statusCode 403)'],
  [404, 'forcedNotFound', 'NotFoundError (statusCode 404, apiCode 2004 user not found)'],
  [409, 'forcedConflict', 'ConflictError (statusCode 409)'],
  [413, 'forcedPayloadTooLarge', 'PayloadTooLargeError (statusCode 413)'],
  [422, 'forcedInvalidOperation', 'InvalidOperationError (statusCode 422)'],
  [429, 'throttled', 'ThrottleError (statusCode 429, no apiCode), as if the phone were cooling down'],
  [499, 'forcedClientError', 'ClientError (statusCode 499)'],
  [500, 'forcedServerError', 'ServerError (statusCode 500)'],
  [501, 'forcedUnsupported', 'UnsupportedOperationError (statusCode 501)'],
  [502, 'forcedBadGateway', 'BadGatewayError (statusCode 502)'],
  [503, 'forcedUnavailable', 'ServiceUnavailableError (statusCode 503)'],
  [601, 'forcedEndpointRequest', 'EndpointRequestError (statusCode 601)'],
  [602, 'forcedEndpointResponse', 'EndpointResponseError (statusCode 602)'],
  [603, 'forcedCustomCode', 'CustomCodeError (statusCode 603)'],
]

export const SLOW_ANSWER_MS = 3000

export const SCENARIO_DEFINITIONS: ScenarioDefinition[] = [
  ...forcedStatus.map(([statusCode, answer, what]): ScenarioDefinition => ({
    phoneNumber: `1000000${String(statusCode).padStart(4, '0')}`,
    name: `statusCode ${statusCode}`,
    description: `Answers HTTP 200 with ${what}.`,
    behaviour: { kind: 'answer', answer },
  })),
  {
    phoneNumber: '10000009001',
    name: 'slow answer',
    description: `Answers success after ${SLOW_ANSWER_MS / 1000} seconds.`,
    behaviour: { kind: 'delayed', delayMs: SLOW_ANSWER_MS, answer: 'success' },
  },
  {
    phoneNumber: '10000009002',
    name: 'timeout',
    description: 'Never answers: the connection stays open until the client times out.',
    behaviour: { kind: 'hold' },
  },
  {
    phoneNumber: '10000009003',
    name: 'dropped connection',
    description: 'Reads the request, then closes the connection without any response.',
    behaviour: { kind: 'drop' },
  },
  {
    phoneNumber: '10000009004',
    name: 'HTTP 502 with HTML',
    description:
      'Answers HTTP 502 with an HTML error page and an x-request-id header, like a gateway in front of the API.',
    behaviour: {
      kind: 'raw',
      httpStatus: 502,
      contentType: 'text/html; charset=utf-8',
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
      requestIdHeader: true,
    },
  },
  {
    phoneNumber: '10000009005',
    name: 'malformed JSON',
    description: 'Answers HTTP 200 with a JSON body cut off in the middle.',
    behaviour: {
      kind: 'raw',
      httpStatus: 200,
      contentType: 'application/json; charset=utf-8',
      body: '{"statusCode":200,"message":"操作成',
      requestIdHeader: false,
    },
  },
  {
    phoneNumber: '10000009006',
    name: 'HTTP 503 with JSON',
    description: 'Answers HTTP 503 with a V3-style JSON body (statusCode 503 and a requestId).',
    behaviour: { kind: 'answer', answer: 'gatewayUnavailable' },
  },
]

/** The reserved numbers for README and the UI. */
export const EMULATOR_SCENARIOS: EmulatorScenario[] = SCENARIO_DEFINITIONS.map(
  ({ phoneNumber, name, description }) => ({
    phoneNumber,
    name,
    description,
  }),
)

const byPhone = new Map(SCENARIO_DEFINITIONS.map((scenario) => [scenario.phoneNumber, scenario]))

export function scenarioFor(phoneNumber: string): ScenarioDefinition | undefined {
  return byPhone.get(phoneNumber)
}
