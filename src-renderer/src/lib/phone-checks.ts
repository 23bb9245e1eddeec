import { shallowRef } from 'vue'
import type * as SharedPhone from '@shared/phone'

/** The phone checks main runs too, with libphonenumber's full metadata: about a quarter of the form's code. */
export type PhoneChecks = typeof SharedPhone

/**
 * The phone checks, null until their chunk has loaded: the form shows and takes input before then, and
 * Send waits for the check. `failed` is set should the chunk not load.
 */
export const phoneChecks = shallowRef<PhoneChecks | null>(null)
export const phoneChecksFailed = shallowRef(false)

let loading: Promise<PhoneChecks> | null = null

/** Loads the phone checks once; a failed load may be tried again. */
export function loadPhoneChecks(): Promise<PhoneChecks> {
  loading ??= import('@shared/phone').then(
    (checks) => {
      phoneChecks.value = checks
      phoneChecksFailed.value = false
      return checks
    },
    (error: unknown) => {
      loading = null
      phoneChecksFailed.value = true
      throw error
    },
  )
  return loading
}
