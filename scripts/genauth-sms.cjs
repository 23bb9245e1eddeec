#!/usr/bin/env node
// `genauth-sms` from a checkout (package.json "bin": npm link, npx): the built command line in plain Node.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('genauth-sms: the command line is not built yet; run "npm run build" first\n')
  process.exit(1)
}
require(cli)
