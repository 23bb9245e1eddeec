import type { Command } from 'commander'
import type { Catalog, HistoryEntry, Language } from '../../shared/contract'
import { explain } from '../../genauth/catalog'
import { writeJson, type CliIo } from '../cli-io'
import { call, osLanguageOf, withDispatch } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT, type ExitCode } from '../exit-codes'
import { fields, formatTime } from '../format'
import { integerIn } from '../option-parsers'

interface ShowOptions {
  json?: boolean
  asCurl?: boolean
  revealPhone?: boolean
}

export function addHistoryShowCommand(history: Command, context: CommandContext): void {
  history
    .command('show')
    .description('show one entry in full: what was sent and what came back')
    .argument('<id>', 'the entry id (the ID column of "history")', integerIn(1, Number.MAX_SAFE_INTEGER))
    .option('--json', 'print the HistoryEntry as JSON')
    .option('--as-curl', 'print the recorded request as a curl command (the access token as a variable)')
    .option('--reveal-phone', 'show the whole phone number instead of a masked one')
    .action((id: number, options: ShowOptions) => context.run(() => show(context.io, id, options)))
}

async function show(io: CliIo, id: number, options: ShowOptions): Promise<ExitCode> {
  return withDispatch(io, async (dispatch) => {
    if (options.asCurl) {
      const reproduction = await call(dispatch, 'request.reproduce', { entryId: id })
      io.stdout.write(reproduction.curl)
      return EXIT.ok
    }
    const entry = await call(dispatch, 'history.get', { id, revealPhone: options.revealPhone === true })
    if (options.json) writeJson(io, entry)
    else {
      const catalog = await call(dispatch, 'catalog.get', {})
      const { language } = await call(dispatch, 'settings.get', {})
      io.stdout.write(formatEntry(entry, catalog, language ?? osLanguageOf(io.env)))
    }
    return EXIT.ok
  })
}

function formatEntry(entry: HistoryEntry, catalog: Catalog, language: Language): string {
  const explanation = explain(catalog, { ...entry, kind: entry.outcome })
  const advice = explanation?.apiCode ?? explanation?.statusCode ?? explanation?.failure ?? null
  const request = entry.request
  return (
    fields([
      ['id', String(entry.id)],
      ['time', formatTime(entry.createdAt)],
      ['profile', `${entry.profileName} (${entry.environment})`],
      ['App ID', entry.appId],
      ['channel', entry.channel],
      ['phone', [entry.phoneCountryCode, entry.phoneNumber].filter(Boolean).join(' ')],
      ['operator', entry.operator],
      ['note', entry.note],
      ['outcome', entry.outcome],
      ['HTTP status', entry.httpStatus === null ? null : String(entry.httpStatus)],
      ['statusCode', entry.statusCode === null ? null : String(entry.statusCode)],
      ['apiCode', entry.apiCode === null ? null : String(entry.apiCode)],
      ['message', entry.message],
      ['requestId', entry.requestId],
      ['latency', entry.latencyMs === null ? null : `${Math.round(entry.latencyMs)} ms`],
      ['meaning', advice ? advice.meaning[language] : null],
      ['next step', entry.outcome === 'success' || !advice ? null : advice.nextStep[language]],
    ]) +
    (request
      ? `\n${request.method} ${request.url}\n${Object.entries(request.headers)
          .map(([name, value]) => `${name}: ${value}\n`)
          .join('')}\n${request.body}\n`
      : '')
  )
}
