import type { Command } from 'commander'
import type { CooldownReport } from '../../contract'
import { cooldownReport, InFlightLock } from '../../cooldown'
import { CliError } from '../cli-error'
import { writeJson, type CliIo } from '../cli-io'
import { call, withServices } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import { formatCooldown } from '../format'
import { parseCountryCode } from '../option-parsers'
import { resolveProfile } from '../profile-lookup'

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
  // The same number the send flow keys the cooldown on: the digits without separators.
  // libphonenumber's full metadata is loaded only by the commands that check a number.
  const { checkPhone } = await import('../../phone/check-phone')
  const phone = checkPhone(options.phone, options.country)
  const phoneNumber = phone.valid ? phone.phoneNumber : options.phone.trim()
  return withServices(io, async (services) => {
    let report: CooldownReport
    if (options.appId !== undefined) {
      // No stored profile holds this App ID, so no contract call fits; nothing is in flight in this process.
      const subject = { appId: options.appId, phoneCountryCode: options.country ?? null, phoneNumber }
      report = cooldownReport(await services.team.cooldownHistory(subject), subject, Date.now(), new InFlightLock())
    } else {
      const profile = await resolveProfile(services.dispatch, options.profile)
      report = await call(services.dispatch, 'cooldown.forPhone', {
        profileId: profile.id,
        phoneNumber,
        phoneCountryCode: options.country,
      })
    }
    if (options.json) writeJson(io, report)
    else io.stdout.write(formatCooldown(report))
    return EXIT.ok
  })
}
