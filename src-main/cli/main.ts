import { runCli } from './run-cli'

// A reader that stops early (`| head`) closes the pipe: the command still finishes and closes its services.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

/** `npm run cli -- <command>`: the plain-Node entry. The exit code is set, not forced, so stdout drains. */
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code
  },
)
