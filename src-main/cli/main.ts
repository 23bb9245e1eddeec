import { guardStdout } from './output-guard'
import { runCli } from './run-cli'

const stdout = guardStdout(process.stdout, process.stderr)

/** `npm run cli -- <command>`: the plain-Node entry. The exit code is set, not forced, so stdout drains. */
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = stdout.exitCode(code)
  },
)
