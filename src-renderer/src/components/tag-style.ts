import type { Environment, Outcome } from '@shared/contract'

type TagType = 'default' | 'success' | 'warning' | 'error' | 'info'

/** Production red, staging amber, sandbox green: the same colours everywhere a profile appears. */
export const ENVIRONMENT_TAG: Record<Environment, TagType> = {
  production: 'error',
  staging: 'warning',
  sandbox: 'success',
}

export const ENVIRONMENT_COLOUR: Record<Environment, string> = {
  production: '#d03050',
  staging: '#f0a020',
  sandbox: '#18a058',
}

/** Success green; a business answer that refused the send amber; no usable answer at all red. */
export const OUTCOME_TAG: Record<Outcome, TagType> = {
  success: 'success',
  'business-failure': 'warning',
  'http-failure': 'error',
  timeout: 'error',
  'network-failure': 'error',
  'unparseable-body': 'error',
  sending: 'info',
  unknown: 'default',
}
