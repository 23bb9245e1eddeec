import {
  ConsoleError,
  type Language,
  type ParsedSendInput,
  type ProfileView,
  type RedactedRequest,
  type SendOutcome,
  type SendResult,
} from '../shared/contract'
import { activeCooldownOf, type ActiveCooldown, type CooldownKey } from '../cooldown'
import type { PreparedSend, SendSmsRequest } from '../genauth/client'
import type { KeyState } from '../history/async-history'
import type { Logger } from '../logging'
import { checkPhone } from '../shared/phone/check-phone'
import { phoneProblemText } from './phone-problem'
import { cooldownCountryCode } from '../shared/phone/country-code'
import type { SendHistory } from '../team/send-history'

/** What the send flow needs from the other services; the composition root wires the real ones. */
export type SendServiceDeps = {
  profiles: {
    get(id: string): ProfileView
    credentialsFor(id: string): Promise<{ appSecret: string | null; accessToken: string | null }>
  }
  /** Where the profile's sends go; may start the sandbox emulator. */
  resolveAppHost(profile: ProfileView): Promise<string>
  /**
   * The sandbox emulator's reserved numbers force an outcome; they are not real numbers, but are meant to
   * be sent, as often as wanted: they never cool down.
   */
  isReservedTestNumber(profile: ProfileView, phoneNumber: string): boolean
  language(profile: ProfileView): Language
  cooldown: {
    /** This process's lock for the key; null when a send for it is in flight here. */
    tryAcquire(key: CooldownKey): (() => void) | null
    /** Keeps in memory the cooldown of a send whose result the history could not record. */
    noteUnrecorded(key: CooldownKey, result: SendResult): void
  }
  /**
   * The history this send is recorded in (this computer's, or the team's); it also knows the key's
   * cooldown and sends in flight in other processes or on other consoles.
   */
  sendHistory(): Promise<SendHistory>
  /** Builds the request (throwing before anything is recorded or sent when it cannot be sent). */
  prepareSend(request: SendSmsRequest): PreparedSend
  log: Pick<Logger, 'warn'>
  operator: string
}

/**
 * One send, in the order that keeps a user from being texted twice and a record from being lost:
 * refuse early (confirmation, phone, in-flight, cooldown), write the entry, send once, complete it.
 */
export async function sendSmsForUser(deps: SendServiceDeps, input: ParsedSendInput): Promise<SendOutcome> {
  const profile = deps.profiles.get(input.profileId)
  if (profile.environment === 'production' && !input.confirmed) {
    throw new ConsoleError('needs-confirmation', `${profile.name} is a production profile: confirm the send first.`, {
      key: 'sendNeedsConfirmation',
      params: { profile: profile.name },
    })
  }

  const reserved = deps.isReservedTestNumber(profile, input.phoneNumber)
  const phone = checkedPhone(reserved, input)
  const phoneNumber = phone.phoneNumber
  const appHost = await deps.resolveAppHost(profile)

  const key: CooldownKey = {
    appId: profile.appId,
    // GenAuth reads a send without a country code as +86: both are one phone to the cooldown.
    phoneCountryCode: cooldownCountryCode(input.phoneCountryCode),
    phoneNumber,
    channel: input.channel,
  }
  const release = deps.cooldown.tryAcquire(key)
  if (!release) throw inFlight()
  try {
    // A team database that cannot be reached refuses the send here, before anything is sent or recorded.
    const history = await deps.sendHistory()
    // Checked now to refuse early, and again under the history's write lock (the team key's lock) just
    // before the entry is written, since another process or console may claim the same send in between.
    const refuseIfBlocked = (state: KeyState): ActiveCooldown | null => {
      if (state.sending) throw inFlight()
      // A reserved number reaches no phone and the emulator never throttles it: only a send in flight blocks it.
      const cooldown = reserved ? null : activeCooldownOf(state.cooldown, state.now)
      if (cooldown && !input.overrideCooldown) throw coolingDown(cooldown)
      return cooldown
    }
    const cooldown = refuseIfBlocked(await history.keyState(key))
    const accessToken =
      input.accessToken ??
      (profile.hasAccessToken ? (await deps.profiles.credentialsFor(profile.id)).accessToken : null)

    const prepared = deps.prepareSend(
      sendRequestFor(deps, profile, input, { appHost, phoneNumber, accessToken: accessToken ?? undefined }),
    )
    const entryId = await history.begin(
      {
        profileId: profile.id,
        profileName: profile.name,
        environment: profile.environment,
        appId: profile.appId,
        channel: input.channel,
        phoneCountryCode: input.phoneCountryCode ?? null,
        phoneNumber,
        operator: deps.operator,
        note: input.note?.trim() || null,
        cooldownOverride: input.overrideCooldown && cooldown !== null,
        validationOverride: input.overrideValidation && !phone.valid,
        request: prepared.request,
      },
      { key, guard: refuseIfBlocked, timeoutMs: profile.timeoutMs },
    )

    const result = await prepared.send()
    const recordFailure = await recordResult(deps, history, entryId, key, result)
    return { entryId, result, recordFailure }
  } finally {
    release()
  }
}

/**
 * Completes the entry. The request has gone out, so a failure to record (a full disk) must not hide the
 * answer from the user: it becomes one line beside it, and the cooldown is kept in memory instead.
 */
async function recordResult(
  deps: SendServiceDeps,
  history: SendHistory,
  entryId: number,
  key: CooldownKey,
  result: SendResult,
): Promise<string | null> {
  try {
    await history.complete(entryId, result)
    return null
  } catch (error) {
    deps.cooldown.noteUnrecorded(key, result)
    const reason = describeError(error)
    deps.log.warn(`History entry ${entryId} could not be completed (${result.kind}): ${reason}`)
    return reason
  }
}

/** `SQLITE_FULL: database or disk is full`: the error's code and the first line of its message. */
function describeError(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown }
  const text = (typeof message === 'string' ? message : String(error)).split('\n')[0]!.trim()
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
}

function coolingDown({ secondsLeft, reason, outcome }: ActiveCooldown): ConsoleError {
  const left = `${secondsLeft} s left on this channel.`
  if (reason === 'maybe-sent') {
    return new ConsoleError(
      'cooldown',
      `The last send to this number on this channel may have been sent (${outcome}), and GenAuth allows one SMS per number and channel per minute: ${left}`,
      { key: 'sendCooldownMaybeSent', params: { seconds: secondsLeft, outcome: outcome ?? '' } },
    )
  }
  return new ConsoleError('cooldown', `GenAuth allows one SMS per number and channel per minute: ${left}`, {
    key: 'sendCooldown',
    params: { seconds: secondsLeft },
  })
}

/**
 * The request a send would put on the wire, built by the same checks and the same code, without sending,
 * recording or touching the cooldown (for `send --as-curl`). A token is only marked as present: the
 * request comes back with it redacted anyway, so the keychain is not read for it.
 */
export async function previewSendRequest(deps: SendServiceDeps, input: ParsedSendInput): Promise<RedactedRequest> {
  const profile = deps.profiles.get(input.profileId)
  const phone = checkedPhone(deps.isReservedTestNumber(profile, input.phoneNumber), input)
  const wire = {
    appHost: await deps.resolveAppHost(profile),
    phoneNumber: phone.phoneNumber,
    accessToken: input.accessToken ?? (profile.hasAccessToken ? STORED_TOKEN_STAND_IN : undefined),
  }
  return deps.prepareSend(sendRequestFor(deps, profile, input, wire)).request
}

/** Stands for the profile's stored token in a preview; never sent, and redacted like any token. */
const STORED_TOKEN_STAND_IN = 'stored-access-token'

/** A reserved sandbox number is sent as typed; any other must be valid unless the user overrode that. */
function checkedPhone(reserved: boolean, input: ParsedSendInput): { valid: boolean; phoneNumber: string } {
  if (reserved) return { valid: true, phoneNumber: input.phoneNumber }
  const check = checkPhone(input.phoneNumber, input.phoneCountryCode)
  if (check.status === 'valid') return { valid: true, phoneNumber: check.digits }
  if (!input.overrideValidation) {
    const problem = phoneProblemText(check, input.phoneCountryCode)
    throw new ConsoleError('invalid-phone', problem.message, problem)
  }
  return { valid: false, phoneNumber: input.phoneNumber }
}

function sendRequestFor(
  deps: SendServiceDeps,
  profile: ProfileView,
  input: ParsedSendInput,
  wire: { appHost: string; phoneNumber: string; accessToken: string | undefined },
): SendSmsRequest {
  return {
    ...wire,
    appId: profile.appId,
    channel: input.channel,
    phoneCountryCode: input.phoneCountryCode,
    lang: deps.language(profile),
    headerFamily: profile.headerFamily,
    timeoutMs: profile.timeoutMs,
  }
}

function inFlight(): ConsoleError {
  return new ConsoleError('in-flight', 'A send to this number on this channel is already in progress.', {
    key: 'sendInFlight',
  })
}
