import type {
  AppInfo,
  CallError,
  CallInput,
  CallName,
  CallOutput,
  Catalog,
  CooldownReason,
  ConsoleEvent,
  CooldownReport,
  Envelope,
  Outcome,
  ProfileList,
  ProfileView,
  SendResult,
  Settings,
  SmsChannel,
  TeamStatus,
} from '@shared/contract'
import { SMS_CHANNELS } from '@shared/contract/channels'
import { DEFAULT_SETTINGS } from '@shared/contract/settings'
import type { Transport } from '../../../src-renderer/src/api/transport'

type Handler<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
type Handlers = { [N in CallName]?: Handler<N> }

/** A refusal main would send back, thrown from a handler. */
export class Refusal extends Error {
  constructor(readonly error: CallError) {
    super(error.message)
  }
}

/** Main's refusal when the login keyring is locked on Linux: the cause, and the fix as its hint. */
export function lockedKeychain(): Refusal {
  const problem = 'The OS keychain is locked.'
  const fix = 'Unlock your login keyring, then retry.'
  return new Refusal({
    code: 'keychain-unavailable',
    key: 'keychainLocked',
    params: {},
    message: `${problem} ${fix}`,
    hint: { key: 'keychainFixLinuxUnlock', params: {}, message: fix },
  })
}

/**
 * Main as the renderer sees it through its transport: each call answers with contract-shaped data,
 * every call is recorded, and events can be pushed. Tests hand it to `useTransport`.
 */
export class FakeMain implements Transport {
  readonly calls: { name: CallName; input: unknown }[] = []
  private readonly listeners = new Set<(event: ConsoleEvent) => void>()

  constructor(private readonly handlers: Handlers) {}

  on<N extends CallName>(name: N, handler: Handler<N>): void {
    ;(this.handlers as Record<string, unknown>)[name] = handler
  }

  async invoke(name: CallName, input: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ name, input })
    const handler = this.handlers[name] as ((input: unknown) => unknown) | undefined
    if (!handler) {
      const message = `No handler for ${name} in this test.`
      return { ok: false, error: { code: 'unknown-call', key: 'unknownCall', params: { name }, message } }
    }
    try {
      return { ok: true, value: await handler(input) }
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error }
      throw error
    }
  }

  subscribe(listener: (event: ConsoleEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Pushes an event, as main does to every window (a handler may call it before answering). */
  emit(event: ConsoleEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  inputsOf<N extends CallName>(name: N): CallInput<N>[] {
    return this.calls.filter((entry) => entry.name === name).map((entry) => entry.input as CallInput<N>)
  }
}

export const CHANNELS: AppInfo['channels'] = [...SMS_CHANNELS]

export const APP_INFO: AppInfo = {
  name: 'GenAuth SMS Console',
  version: '0.1.0',
  mode: 'browser',
  dataDir: '/data',
  logsDir: '/data/logs',
  platform: 'linux',
  versions: { node: '20.20.2' },
  operator: 'support',
  channels: CHANNELS,
  emulatorUrl: 'http://127.0.0.1:40000',
  warnings: [],
  emulatorScenarios: [
    { phoneNumber: '10000000400', name: 'statusCode 400', description: 'Answers HTTP 200 with InvalidArgumentError.' },
  ],
}

export const CATALOG: Catalog = {
  errorCodePage: 'https://docs.genauth.ai/reference/error-code.html',
  entries: [
    {
      kind: 'statusCode',
      code: 200,
      name: 'OK',
      source: 'documented',
      meaning: { 'en-US': 'GenAuth accepted the SMS for delivery.', 'zh-CN': 'GenAuth 已受理。' },
      nextStep: { 'en-US': 'Check the phone.', 'zh-CN': '请查看手机。' },
    },
    {
      kind: 'statusCode',
      code: 400,
      name: 'InvalidArgumentError',
      source: 'documented',
      meaning: { 'en-US': 'A request parameter is missing or badly formatted.', 'zh-CN': '请求参数缺失或格式错误。' },
      nextStep: { 'en-US': 'Fix the phone number and send again.', 'zh-CN': '修正手机号后重新发送。' },
    },
    {
      kind: 'apiCode',
      code: 2004,
      name: 'USER_NOT_FOUND',
      source: 'documented',
      meaning: { 'en-US': 'No user has this phone number.', 'zh-CN': '没有使用该手机号的用户。' },
      nextStep: { 'en-US': 'Check the number or register the user first.', 'zh-CN': '检查号码或先注册用户。' },
    },
  ],
  failures: [
    {
      kind: 'http-failure',
      httpStatus: 502,
      name: 'Bad Gateway',
      meaning: { 'en-US': 'A gateway answered, not GenAuth.', 'zh-CN': '应答来自网关。' },
      nextStep: { 'en-US': 'Check the application host.', 'zh-CN': '请检查应用域名。' },
    },
    {
      kind: 'timeout',
      httpStatus: null,
      name: 'Timeout',
      meaning: { 'en-US': 'No answer in time.', 'zh-CN': '超时。' },
      nextStep: { 'en-US': 'Check the phone before sending again.', 'zh-CN': '请先确认手机。' },
    },
  ],
}

export const SANDBOX: ProfileView = {
  id: 'local-sandbox',
  name: 'Local sandbox',
  environment: 'sandbox',
  appHost: 'embedded-emulator',
  appId: 'local-sandbox-app',
  language: 'auto',
  timeoutMs: 10_000,
  headerFamily: 'both',
  builtIn: true,
  hasAppSecret: false,
  hasAccessToken: false,
}

export const PRODUCTION: ProfileView = {
  id: 'prod',
  name: 'Acme production',
  environment: 'production',
  appHost: 'https://acme.genauth.ai',
  appId: '64f0acme',
  language: 'auto',
  timeoutMs: 10_000,
  headerFamily: 'both',
  builtIn: false,
  hasAppSecret: true,
  hasAccessToken: false,
}

export function profileList(activeId = SANDBOX.id): ProfileList {
  return { profiles: [SANDBOX, PRODUCTION], activeId }
}

export function sendResult(overrides: Partial<SendResult> = {}): SendResult {
  return {
    kind: 'success',
    httpStatus: 200,
    statusCode: 200,
    apiCode: null,
    message: '发送成功',
    requestId: 'req-0f3a9c',
    errorCode: null,
    errorMessage: null,
    latencyMs: 42,
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:40000/api/v3/send-sms',
      headers: { 'content-type': 'application/json', 'x-authing-app-id': 'local-sandbox-app' },
      body: '{"channel":"CHANNEL_LOGIN","phoneNumber":"13800138000","phoneCountryCode":"+86"}',
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-0f3a9c' },
      body: '{"statusCode":200,"message":"发送成功","requestId":"req-0f3a9c"}',
    },
    ...overrides,
  }
}

/** The settings of a fresh install. */
export const SETTINGS: Settings = DEFAULT_SETTINGS

/** main's team.status: team mode off unless `overrides` say otherwise. */
export function teamStatus(overrides: Partial<TeamStatus> = {}): TeamStatus {
  return {
    source: 'off',
    connection: null,
    state: 'off',
    schemaVersion: null,
    neededVersion: 2,
    entries: null,
    waitingUploads: 0,
    message: null,
    reason: null,
    hasPassword: false,
    ...overrides,
  }
}

/** The calls every screen makes at start, answered with the sandbox active and nothing cooling. */
export function baseHandlers(activeId = SANDBOX.id): Handlers {
  return {
    'app.info': () => APP_INFO,
    'catalog.get': () => CATALOG,
    'profiles.list': () => profileList(activeId),
    'settings.get': () => SETTINGS,
    'cooldown.forPhone': () => coolingReport(),
  }
}

/** main's cooldown report at this moment: every channel free but `cooling`, which has `seconds` left. */
export function coolingReport(cooling?: {
  channel: SmsChannel
  seconds: number
  reason: CooldownReason
  outcome: Outcome
}): CooldownReport {
  const now = Date.now()
  return {
    now,
    channels: CHANNELS.map((channel) =>
      channel === cooling?.channel
        ? {
            channel,
            state: 'cooling',
            until: now + cooling.seconds * 1000,
            reason: cooling.reason,
            outcome: cooling.outcome,
          }
        : { channel, state: 'free', until: null, reason: null, outcome: null },
    ),
  }
}
