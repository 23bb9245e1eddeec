import type { Command } from 'commander'
import type { Language } from '../../shared/contract/channels'
import { loadCatalog } from '../../genauth/catalog'
import { explain } from '../../shared/explain'
import { writeJson } from '../cli-io'
import { osLanguageOf } from '../cli-services'
import type { CommandContext } from '../command-context'
import { EXIT } from '../exit-codes'
import { formatExplanation } from '../format'
import type { ExplainOutput } from '../json-output'
import { parseCode, parseLanguage } from '../option-parsers'

export function addExplainCommand(program: Command, context: CommandContext): void {
  program
    .command('explain')
    .description('what a statusCode or an apiCode means and what to do next (both, when a number is both)')
    .argument('<code>', 'a statusCode (like 400) or an apiCode (like 2004)', parseCode)
    .option('--lang <language>', 'en-US or zh-CN (default: from LANG)', parseLanguage)
    .option('--json', 'print {code, statusCode, apiCode, errorCodePage} as JSON; unknown meanings are null')
    .action((code: number, options: { lang?: Language; json?: boolean }) =>
      context.run(async () => {
        // The catalog is data shipped with the app: no data folder or service is needed to read it.
        const catalog = loadCatalog()
        const explanation = explain(catalog, { statusCode: code, apiCode: code })
        if (options.json) {
          const output: ExplainOutput = {
            code,
            statusCode: explanation?.statusCode ?? null,
            apiCode: explanation?.apiCode ?? null,
            errorCodePage: catalog.errorCodePage,
          }
          writeJson(context.io, output)
        } else {
          const language = options.lang ?? osLanguageOf(context.io.env)
          context.io.stdout.write(formatExplanation(code, explanation, catalog.errorCodePage, language))
        }
        return EXIT.ok
      }),
    )
}
