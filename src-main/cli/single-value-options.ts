import type { EventEmitter } from 'node:events'
import type { Command, Option } from 'commander'
import { CliError } from './cli-error'

/** Options that collect every value given (the emulator's `--app-id`); every other valued option takes one. */
const collecting = new WeakSet<Option>()

export function collectingOption(option: Option): Option {
  collecting.add(option)
  return option
}

/** The program and every command below it. */
export function commandsOf(program: Command): Command[] {
  return [program, ...program.commands.flatMap(commandsOf)]
}

/**
 * `--channel login --channel register` would silently send to the last one; a second value for an option
 * that takes one is refused instead. The check runs before commander stores the second value, when the
 * option's value already comes from the command line.
 */
export function refuseRepeatedOptions(program: Command): void {
  for (const command of commandsOf(program)) {
    for (const option of command.options) {
      if (option.isBoolean() || option.variadic || collecting.has(option)) continue
      // A Command is an EventEmitter at run time; its typings leave that out.
      ;(command as unknown as EventEmitter).prependListener(`option:${option.name()}`, () => {
        if (command.getOptionValueSource(option.attributeName()) === 'cli') {
          throw CliError.usage(`${option.long ?? option.flags} is given more than once: give it once.`)
        }
      })
    }
  }
}
