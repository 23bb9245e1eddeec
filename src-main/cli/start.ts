import { z } from 'zod'
import { guardStdout } from './output-guard'
import { runCli } from './run-cli'

// A command line run checks a few values once: compiling a parser per object schema (zod's JIT) costs
// more than it saves.
z.config({ jitless: true })

const stdout = guardStdout(process.stdout, process.stderr)

/**
 * `genauth-sms <command>` on this process's arguments and streams (main.ts starts it in the build; tests
 * start it from the sources). The exit code is set, not forced, so stdout drains.
 */
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = stdout.exitCode(code)
  },
)
