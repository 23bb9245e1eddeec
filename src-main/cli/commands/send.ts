import type { Command } from 'commander'
import {
  type CallError,
  type SendInput,
  type RedactedRequest,
  type ErrorCode,
  type HeaderFamily,
  type ProfileView,
  type SendOutcome,
  type SmsChannel,
} from '../../shared/contract'
import { explain } from '../../shared/explain'
import { adHocProfile, DEFAULT_AD_HOC_TIMEOUT_MS } from '../ad-hoc-profile'
import { CliError } from '../cli-error'
import { writeErrorLine, writeJson, type CliIo } from '../cli-io'
import { call, osLanguageOf, withDispatch } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, exitCodeForResult, type ExitCode } from '../exit-codes'
import { formatSendOutcome, notRecordedLine, sendFailureLine } from '../format'
import { parseCountryCode } from '../country-code-option'
import { integerIn, parseChannel, parseHeaderFamily } from '../option-parsers'
import { resolveProfile } from '../profile-lookup'
import { ACCESS_TOKEN_VARIABLE } from '../secret-flags'
import { reproduce } from '../../reproduce'

interface SendOptions {
  channel: SmsChannel
  phone: string
  country?: string
  profile?: string
  host?: string
  appId?: string
  timeoutMs?: number
  headers?: HeaderFamily
  note?: string
  force?: boolean
  sendInvalid?: boolean
  yes?: boolean
  tokenFromEnv?: boolean
  json?: boolean
  asCurl?: boolean
}

/** What to add to a refusal so the user knows which flag overrides it. */
const OVERRIDE_HINTS: Partial<Record<ErrorCode, string>> = {
  'needs-confirmation': 'Add --yes to confirm.',
  'invalid-phone': 'Add --send-invalid to send it anyway.',
  cooldown: 'Add --force to send anyway.',
}

export function addSendCommand(program: Command, context: CommandContext): void {
  program
    .command('send')
    .description('send one verification SMS, through a stored profile or ad hoc (--host and --app-id)')
    .requiredOption('--channel <channel>', 'CHANNEL_LOGIN, or login for short (see "channels")', parseChannel)
    .requiredOption('--phone <number>', 'the national number, without the country code')
    .option('--country <code>', 'country code, like +86 (absent: GenAuth assumes +86)', parseCountryCode)
    .option('--profile <name or id>', 'a stored profile (default: the active one)')
    .option('--host <appHost>', 'ad hoc: the application host, instead of a stored profile')
    .option('--app-id <id>', 'ad hoc: the App ID')
    .option(
      '--timeout-ms <ms>',
      `ad hoc: how long to wait for the answer (default ${DEFAULT_AD_HOC_TIMEOUT_MS})`,
      integerIn(1000, 120_000),
    )
    .option(
      '--headers <family>',
      'ad hoc: the header names that identify the app: both (default), genauth (x-genauth-*) or authing (x-authing-*)',
      parseHeaderFamily,
    )
    .option('--note <text>', 'a note recorded with the entry, like a ticket number')
    .option('--force', 'send although the channel is cooling down (recorded in the entry)')
    .option('--send-invalid', 'send a number the console considers invalid (recorded in the entry)')
    .option('--yes', 'confirm a send through a production profile (required for one)')
    .option('--token-from-env', `send the user access token held in ${ACCESS_TOKEN_VARIABLE}`)
    .option('--json', 'print the SendOutcome as JSON')
    .option('--as-curl', 'print the request as a curl command instead of sending it (records nothing)')
    .addHelpText(
      'after',
      `
Ad-hoc sends (--host and --app-id) are recorded in the history under the profile "ad-hoc" and honour the
cooldown like any other. A host on this computer (localhost, 127.x.x.x) counts as a sandbox; any other
host is production and needs --yes. Secrets are never flags: a user access token comes from
${ACCESS_TOKEN_VARIABLE}, sent only with --token-from-env. send-sms needs no app secret.

Exit codes: 0 sent (statusCode 200), 2 answered with another statusCode, 3 no business answer (timeout,
network, HTTP failure, unparseable body), 4 cooling down or in flight, 64 bad usage, 1 anything else.

--as-curl sends nothing, records nothing and starts no cooldown: it prints the request that would go out,
the access token as $${ACCESS_TOKEN_VARIABLE} (set it in the shell that runs the command).`,
    )
    .action((options: SendOptions) => context.run(() => send(context.io, options)))
}

async function send(io: CliIo, options: SendOptions): Promise<ExitCode> {
  checkAdHocFlags(options)
  if (options.asCurl && options.json) throw CliError.usage('--as-curl prints a command, not JSON: drop --json.')
  const accessToken = tokenFor(io, options)
  const adHoc = options.host
    ? adHocProfile(options.host, options.appId ?? '', options.timeoutMs ?? DEFAULT_AD_HOC_TIMEOUT_MS, options.headers)
    : undefined
  if (options.asCurl) return printCurl(io, options, adHoc, accessToken)
  return withDispatch(
    io,
    async (dispatch) => {
      const profile = adHoc ?? (await resolveProfile(dispatch, options.profile))
      const envelope = await dispatch('sms.send', sendInputOf(options, profile, accessToken))
      if (!envelope.ok) throw CliError.fromCall(withHint(envelope.error))
      const outcome = envelope.value as SendOutcome

      const explanation = explain(await call(dispatch, 'catalog.get', {}), outcome.result)
      if (options.json) writeJson(io, outcome)
      else {
        const language = (await call(dispatch, 'settings.get', {})).language ?? osLanguageOf(io.env)
        io.stdout.write(formatSendOutcome(outcome, profile, explanation, language))
      }
      const exitCode = exitCodeForResult(outcome.result.kind)
      if (outcome.result.kind !== 'success') writeErrorLine(io, sendFailureLine(outcome, explanation))
      if (outcome.recordFailure) writeErrorLine(io, notRecordedLine(outcome.recordFailure))
      return exitCode
    },
    adHoc,
  )
}

function sendInputOf(options: SendOptions, profile: ProfileView, accessToken: string | undefined): SendInput {
  return {
    profileId: profile.id,
    channel: options.channel,
    phoneNumber: options.phone,
    phoneCountryCode: options.country,
    accessToken,
    note: options.note,
    overrideCooldown: options.force === true,
    overrideValidation: options.sendInvalid === true,
    confirmed: options.yes === true,
  }
}

async function printCurl(
  io: CliIo,
  options: SendOptions,
  adHoc: ProfileView | undefined,
  accessToken: string | undefined,
): Promise<ExitCode> {
  const profile = await withDispatch(
    io,
    async (dispatch) => {
      const profile = adHoc ?? (await resolveProfile(dispatch, options.profile))
      const envelope = await dispatch('sms.preview', sendInputOf(options, profile, accessToken))
      if (!envelope.ok) throw CliError.fromCall(withHint(envelope.error))
      io.stdout.write(reproduce(envelope.value as RedactedRequest).curl)
      return profile
    },
    adHoc,
  )
  if (profile.builtIn) {
    writeErrorLine(
      io,
      'note: the Local sandbox emulator lives only while this command runs; for a lasting one, run "emulator" and send with --host.',
    )
  }
  return EXIT.ok
}

function checkAdHocFlags(options: SendOptions): void {
  if (options.host !== undefined && options.profile !== undefined) {
    throw CliError.usage('--host sends ad hoc, without a stored profile: drop --profile or --host.')
  }
  if ((options.host === undefined) !== (options.appId === undefined)) {
    throw CliError.usage('an ad-hoc send needs both --host and --app-id.')
  }
  if (options.timeoutMs !== undefined && options.host === undefined) {
    throw CliError.usage('--timeout-ms applies to ad-hoc sends; a stored profile uses its own timeout.')
  }
  if (options.headers !== undefined && options.host === undefined) {
    throw CliError.usage('--headers applies to ad-hoc sends; a stored profile uses its own header setting.')
  }
}

function tokenFor(io: CliIo, options: SendOptions): string | undefined {
  const token = io.env[ACCESS_TOKEN_VARIABLE]
  if (options.tokenFromEnv) {
    if (!token) throw CliError.usage(`--token-from-env: ${ACCESS_TOKEN_VARIABLE} is not set or is empty.`)
    return token
  }
  if (token) {
    writeErrorLine(io, `note: ${ACCESS_TOKEN_VARIABLE} is set but not sent; add --token-from-env to send it.`)
  }
  return undefined
}

function withHint(error: CallError): CallError {
  const hint = OVERRIDE_HINTS[error.code]
  return hint ? { ...error, message: `${error.message} ${hint}` } : error
}
