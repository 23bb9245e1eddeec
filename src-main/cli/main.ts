import { ignoreClosedPipe } from './closed-pipe'
import { runCli } from './run-cli'

ignoreClosedPipe(process.stdout)

/** `genauth-sms <command>`: the plain-Node entry. The exit code is set, not forced, so stdout drains. */
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code
  },
)
