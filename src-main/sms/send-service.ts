import {
  ConsoleError,
  type Language,
  type ParsedSendInput,
  type ProfileView,
  type RedactedRequest,
  type SendOutcome,
} from '../contract'
import type { CooldownKey } from '../cooldown'
import type { EventBus } from '../events'
import type { PreparedSend, SendSmsRequest } from '../genauth/client'
import type { NewHistoryEntry } from '../history'
import { checkPhone } from '../phone/check-phone'

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
    secondsLeft(key: CooldownKey): number
    /** This process's lock for the key; null when a send for it is in flight here. */
    tryAcquire(key: CooldownKey): (() => void) | null
    /** Whether another live process sharing the history has a send for the key in flight. */
    inFlightElsewhere(key: CooldownKey): boolean
  }
  history: {
    begin(entry: NewHistoryEntry, guard: () => void): number
    complete(id: number, result: SendOutcome['result']): void
  }
  /** Builds the request (throwing before anything is recorded or sent when it cannot be sent). */
  prepareSend(request: SendSmsRequest): PreparedSend
  events: EventBus
  operator: string
}

/**
 * One send, in the order that keeps a user from being texted twice and a record from being lost:
 * refuse early (confirmation, phone, in-flight, cooldown), write the entry, send once, complete it.
 */
export async function sendSmsForUser(deps: SendServiceDeps, input: ParsedSendInput): Promise<SendOutcome> {
  const profile = deps.profiles.get(input.profileId)
  if (profile.environment === 'production' && !input.confirmed) {
    throw new ConsoleError('needs-confirmation', `${profile.name} is a production profile: confirm the send first.`)
  }

  const reserved = deps.isReservedTestNumber(profile, input.phoneNumber)
  const phone = checkedPhone(reserved, input)
  const phoneNumber = phone.valid ? phone.phoneNumber : input.phoneNumber
  const appHost = await deps.resolveAppHost(profile)

  const key: CooldownKey = {
    appId: profile.appId,
    phoneCountryCode: input.phoneCountryCode ?? null,
    phoneNumber,
    channel: input.channel,
  }
  const release = deps.cooldown.tryAcquire(key)
  if (!release) throw inFlight()
  try {
    // Checked now to refuse early, and again under the history's write lock just before the entry is
    // written, since another process (the CLI beside the app) may claim the same send in between.
    const refuseIfBlocked = (): number => {
      if (deps.cooldown.inFlightElsewhere(key)) throw inFlight()
      // A reserved number reaches no phone and the emulator never throttles it: only a send in flight blocks it.
      const secondsLeft = reserved ? 0 : deps.cooldown.secondsLeft(key)
      if (secondsLeft > 0 && !input.overrideCooldown) {
        throw new ConsoleError(
          'cooldown',
          `GenAuth allows one SMS per number and channel per minute: ${secondsLeft} s left on this channel.`,
        )
      }
      return secondsLeft
    }
    const secondsLeft = refuseIfBlocked()
    const accessToken =
      input.accessToken ??
      (profile.hasAccessToken ? (await deps.profiles.credentialsFor(profile.id)).accessToken : null)

    const prepared = deps.prepareSend(
      sendRequestFor(deps, profile, input, { appHost, phoneNumber, accessToken: accessToken ?? undefined }),
    )
    const entryId = deps.history.begin(
      {
        profileId: profile.id,
        profileName: profile.name,
        environment: profile.environment,
        appId: profile.appId,
        channel: input.channel,
        phoneCountryCode: key.phoneCountryCode,
        phoneNumber,
        operator: deps.operator,
        note: input.note?.trim() || null,
        cooldownOverride: input.overrideCooldown && secondsLeft > 0,
        validationOverride: input.overrideValidation && !phone.valid,
        request: prepared.request,
      },
      refuseIfBlocked,
    )
    deps.events.emit('history.changed')

    const result = await prepared.send()
    deps.history.complete(entryId, result)
    deps.events.emit('history.changed')
    return { entryId, result }
  } finally {
    release()
  }
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
    phoneNumber: phone.valid ? phone.phoneNumber : input.phoneNumber,
    accessToken: input.accessToken ?? (profile.hasAccessToken ? STORED_TOKEN_STAND_IN : undefined),
  }
  return deps.prepareSend(sendRequestFor(deps, profile, input, wire)).request
}

/** Stands for the profile's stored token in a preview; never sent, and redacted like any token. */
const STORED_TOKEN_STAND_IN = 'stored-access-token'

/** A reserved sandbox number is sent as typed; any other must be valid unless the user overrode that. */
function checkedPhone(reserved: boolean, input: ParsedSendInput) {
  const phone = reserved
    ? ({ valid: true, phoneNumber: input.phoneNumber } as const)
    : checkPhone(input.phoneNumber, input.phoneCountryCode)
  if (!phone.valid && !input.overrideValidation) throw new ConsoleError('invalid-phone', phone.reason)
  return phone
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
  return new ConsoleError('in-flight', 'A send to this number on this channel is already in progress.')
}
