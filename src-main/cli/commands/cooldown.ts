import type { Command } from 'commander'
import { CliError } from '../cli-error'
import { writeJson, type CliIo } from '../cli-io'
import { adHocAppProfile } from '../ad-hoc-profile'
import { call, withDispatch } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import { formatCooldown } from '../format'
import { parseCountryCode } from '../country-code-option'
import { resolveProfile } from '../profile-lookup'
import { phoneDigits } from '../../shared/phone/digits'

interface CooldownOptions {
  phone: string
  country?: string
  profile?: string
  appId?: string
  json?: boolean
}

export function addCooldownCommand(program: Command, context: CommandContext): void {
  program
    .command('cooldown')
    .description('which channels of a phone are free, cooling down or sending')
    .requiredOption('--phone <number>', 'the national number, without the country code')
    .option('--country <code>', 'the country code the sends used, like +86 (absent: +86)', parseCountryCode)
    .option('--profile <name or id>', 'a stored profile (default: the active one)')
    .option('--app-id <id>', 'an App ID instead of a profile, for ad-hoc sends')
    .option('--json', 'print the CooldownReport as JSON')
    .addHelpText(
      'after',
      '\nThe cooldown belongs to the App ID, the country code (absent means +86, as GenAuth reads it) and the number.',
    )
    .action((options: CooldownOptions) => context.run(() => cooldown(context.io, options)))
}

async function cooldown(io: CliIo, options: CooldownOptions): Promise<ExitCode> {
  if (options.profile !== undefined && options.appId !== undefined) {
    throw CliError.usage('give --profile or --app-id, not both.')
  }
  const phoneNumber = await cooldownNumber(options.phone, options.country)
  // No stored profile holds an ad-hoc App ID: a profile for it stands in, as for an ad-hoc send.
  const standIn = options.appId === undefined ? undefined : adHocAppProfile(options.appId)
  return withDispatch(
    io,
    async (dispatch) => {
      const profile = standIn ?? (await resolveProfile(dispatch, options.profile))
      const report = await call(dispatch, 'cooldown.forPhone', {
        profileId: profile.id,
        phoneNumber,
        phoneCountryCode: options.country,
      })
      if (options.json) writeJson(io, report)
      else io.stdout.write(formatCooldown(report))
      return EXIT.ok
    },
    standIn,
  )
}

/**
 * The number the send flow keys the cooldown on: without separators when it is valid for its country,
 * as typed otherwise. With no separator to strip the two agree, so libphonenumber's full metadata (10 to
 * 20 ms to load) is needed only for a number typed with spaces, dashes or brackets.
 */
async function cooldownNumber(phone: string, countryCode: string | undefined): Promise<string> {
  const typed = phone.trim()
  if (phoneDigits(typed) === typed) return typed
  const { checkPhone } = await import('../../shared/phone/check-phone')
  const check = checkPhone(typed, countryCode)
  return check.status === 'valid' ? check.digits : typed
}
