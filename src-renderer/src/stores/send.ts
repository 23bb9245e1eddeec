import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { CallError, SendOutcome, SmsChannel } from '@shared/contract'
import { call, CallFailure } from '../api/client'
import type { CountryCode, PhoneCheck, PhoneProblem, SplitNumber } from '@shared/phone'
import { DEFAULT_COUNTRY_CODE, phoneDigits } from '@shared/phone/digits'
import { loadPhoneChecks, phoneChecks, phoneChecksFailed } from '../lib/phone-checks'
import { whenIdle } from '../lib/when-idle'
import { useAppStore } from './app'
import { useCooldownStore } from './cooldown'
import { useProfilesStore } from './profiles'
import { StoreId } from './store-id'

/** Why Send is disabled right now; the form shows it next to the button. */
export type BlockReason =
  | 'no-profile'
  | 'sending'
  | 'empty-phone'
  | 'checking-phone'
  | 'phone-check-failed'
  | PhoneProblem
  | 'in-flight'
  | 'cooldown'

/** The form's view of the number: the shared check's verdict, or `pending` until the check has loaded. */
export type FormPhoneCheck = PhoneCheck | { status: 'pending'; digits: string; failed: boolean }

/** The country the form starts on; its calling code is the one GenAuth assumes, DEFAULT_COUNTRY_CODE. */
const INITIAL_COUNTRY: CountryCode = 'CN'

export type SendAttempt = 'sent' | 'needs-confirmation' | 'refused'

/** The send form, its checks, and the last send's outcome. */
export const useSendStore = defineStore(StoreId.Send, () => {
  const app = useAppStore()
  const profiles = useProfilesStore()
  const cooldown = useCooldownStore()

  const channel = ref<SmsChannel>('CHANNEL_LOGIN')
  const country = ref<CountryCode>(INITIAL_COUNTRY)
  const phone = ref('')
  /** For this send only: never stored, cleared once the send is made. */
  const accessToken = ref('')
  const note = ref('')
  const overrideValidation = ref(false)
  const overrideCooldown = ref(false)
  /** Set when a number typed with its calling code was split into the two fields. */
  const splitNotice = shallowRef<SplitNumber | null>(null)

  const sending = ref(false)
  const outcome = shallowRef<SendOutcome | null>(null)
  const failure = shallowRef<CallError | null>(null)

  // The form shows before the phone checks (and their metadata): they load in a chunk of their own once
  // main's answers are on screen, or with the first number typed, whichever comes first. Until then the
  // country can only be the initial one: other countries are chosen from the list the checks bring.
  const wantPhoneChecks = () => void loadPhoneChecks().catch(() => undefined)
  watch(
    () => app.info,
    (info) => info && whenIdle(wantPhoneChecks),
    { immediate: true },
  )
  const countryCode = computed(() => phoneChecks.value?.countryCodeOf(country.value) ?? DEFAULT_COUNTRY_CODE)
  const phoneCheck = computed<FormPhoneCheck>(() => {
    const checks = phoneChecks.value
    const digits = phoneDigits(phone.value)
    if (!checks)
      return digits ? { status: 'pending', digits, failed: phoneChecksFailed.value } : { status: 'empty', digits: '' }
    const check = checks.checkPhone(phone.value, countryCode.value)
    // The sandbox emulator's reserved numbers are not real numbers but are meant to be sent; main
    // accepts them on the built-in profile too.
    const reserved =
      profiles.active?.builtIn && app.info?.emulatorScenarios.some((scenario) => scenario.phoneNumber === check.digits)
    return reserved ? { status: 'valid' as const, digits: check.digits } : check
  })
  const channelCooldown = computed(() => cooldown.stateOf(channel.value))

  const blockReason = computed<BlockReason | null>(() => {
    if (!profiles.active) return 'no-profile'
    if (sending.value) return 'sending'
    const check = phoneCheck.value
    if (check.status === 'empty') return 'empty-phone'
    if (check.status === 'pending') return check.failed ? 'phone-check-failed' : 'checking-phone'
    if (check.status === 'invalid' && !overrideValidation.value) return check.problem
    if (channelCooldown.value.state === 'sending') return 'in-flight'
    if (channelCooldown.value.state === 'cooling' && !overrideCooldown.value) return 'cooldown'
    return null
  })

  /** Takes the phone field's text; a leading `+code` moves into the country code field. */
  function enterPhone(raw: string): void {
    if (!phoneChecks.value) wantPhoneChecks()
    const split = phoneChecks.value?.splitInternational(raw, country.value) ?? null
    if (split) {
      country.value = split.country
      phone.value = split.nationalNumber
      splitNotice.value = split
    } else {
      phone.value = raw
      if (!raw) splitNotice.value = null
    }
    overrideValidation.value = false
  }

  // A number typed with its +code before the checks loaded is split as soon as they arrive.
  watch(phoneChecks, (checks) => {
    if (checks && phone.value) enterPhone(phone.value)
  })

  function selectCountry(next: CountryCode): void {
    country.value = next
    splitNotice.value = null
    overrideValidation.value = false
  }

  function selectChannel(next: SmsChannel): void {
    channel.value = next
    overrideCooldown.value = false
  }

  /** The subject of the cooldown indicator: the number in the form, on the active profile. */
  const cooldownSubject = computed(() =>
    profiles.activeId && phoneCheck.value.digits
      ? { profileId: profiles.activeId, phoneNumber: phoneCheck.value.digits, phoneCountryCode: countryCode.value }
      : null,
  )

  /**
   * Sends once. A production profile needs the user's confirmation first: without it this returns
   * `needs-confirmation` and sends nothing. Main's refusals (cooldown, in-flight, invalid phone, keychain)
   * land in `failure` with main's message.
   */
  async function send(confirmed: boolean): Promise<SendAttempt> {
    const profile = profiles.active
    if (!profile || blockReason.value) return 'refused'
    if (profile.environment === 'production' && !confirmed) return 'needs-confirmation'
    const check = phoneCheck.value
    sending.value = true
    failure.value = null
    try {
      outcome.value = await cooldown.followSend(() =>
        call('sms.send', {
          profileId: profile.id,
          channel: channel.value,
          phoneNumber: check.digits,
          phoneCountryCode: countryCode.value,
          accessToken: accessToken.value || undefined,
          note: note.value.trim() || undefined,
          overrideCooldown: overrideCooldown.value && channelCooldown.value.state === 'cooling',
          overrideValidation: overrideValidation.value && check.status === 'invalid',
          confirmed,
        }),
      )
      accessToken.value = ''
      overrideCooldown.value = false
      return 'sent'
    } catch (error) {
      if (!(error instanceof CallFailure)) throw error
      failure.value = error.error
      return error.error.code === 'needs-confirmation' ? 'needs-confirmation' : 'refused'
    } finally {
      sending.value = false
    }
  }

  return {
    channel,
    country,
    phone,
    accessToken,
    note,
    overrideValidation,
    overrideCooldown,
    splitNotice,
    sending,
    outcome,
    failure,
    countryCode,
    phoneCheck,
    channelCooldown,
    blockReason,
    cooldownSubject,
    enterPhone,
    selectCountry,
    selectChannel,
    send,
  }
})
