import { InvalidArgumentError, type Command } from 'commander'
import { Outcome, OUTCOMES, type HistoryFilter, type ProfileList, type SmsChannel } from '../../shared/contract'
import { findProfile } from '../profile-lookup'
import { parseChannel, parseCode, parseDateBound } from '../option-parsers'

export interface HistoryFilterOptions {
  profile?: string
  operator?: string
  channel?: SmsChannel
  outcome?: Outcome
  statusCode?: number
  apiCode?: number
  phone?: string
  requestId?: string
  from?: number
  to?: number
}

/** The filters `history` and `history export` share, named like the app's history view. */
export function addHistoryFilterOptions(command: Command): Command {
  return command
    .option('--profile <name or id>', 'a stored profile, "ad-hoc", or the id of a deleted profile')
    .option('--operator <user>', 'the operating-system user who sent, exactly')
    .option('--channel <channel>', 'CHANNEL_LOGIN, or login for short', parseChannel)
    .option('--outcome <outcome>', 'sending, success, business-failure, http-failure, timeout, ...', parseOutcome)
    .option('--status-code <code>', 'the statusCode of the answer', parseCode)
    .option('--api-code <code>', 'the apiCode of the answer', parseCode)
    .option('--phone <digits>', 'the whole phone number or a part of it', (value: string) =>
      value.replace(/[\s\-().]/g, ''),
    )
    .option('--request-id <id>', 'the requestId of the answer')
    .option(
      '--from <date>',
      'sent at or after: 2026-05-01 (local midnight) or 2026-05-01T14:30:00Z',
      parseDateBound('from'),
    )
    .option('--to <date>', 'sent before: a date alone includes that whole day', parseDateBound('to'))
}

/**
 * The contract's filter. A profile is matched by id or name among the stored ones; anything else is
 * taken as an id, since the history keeps the entries of ad-hoc sends and of deleted profiles.
 */
export function historyFilterOf(options: HistoryFilterOptions, profiles: ProfileList): HistoryFilter {
  const { profile, ...rest } = options
  const filter: HistoryFilter = { ...rest }
  if (profile !== undefined) filter.profileId = findProfile(profiles, profile)?.id ?? profile
  return filter
}

export function parseOutcome(value: string): Outcome {
  const parsed = Outcome.safeParse(value.trim())
  if (!parsed.success) throw new InvalidArgumentError(`expected one of ${OUTCOMES.join(', ')}`)
  return parsed.data
}
