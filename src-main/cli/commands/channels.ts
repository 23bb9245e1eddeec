import type { Command } from 'commander'
import { SMS_CHANNELS } from '../../shared/contract/channels'
import { writeJson } from '../cli-io'
import type { CommandContext } from '../command-context'
import { EXIT } from '../exit-codes'

export function addChannelsCommand(program: Command, context: CommandContext): void {
  program
    .command('channels')
    .description('the SMS channels GenAuth knows (send --channel takes them, or their short form)')
    .option('--json', 'print the channels as a JSON array')
    .action((options: { json?: boolean }) =>
      context.run(async () => {
        if (options.json) writeJson(context.io, SMS_CHANNELS)
        else context.io.stdout.write(SMS_CHANNELS.map((channel) => `${channel}\n`).join(''))
        return EXIT.ok
      }),
    )
}
