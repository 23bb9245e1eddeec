/**
 * A reader that stops early (`genauth-sms history --json | head -1`) closes the pipe: further writes fail
 * with EPIPE. The command still finishes and closes its services; only its remaining output is lost,
 * which is what the reader asked for. Any other stream error stays fatal.
 */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}
