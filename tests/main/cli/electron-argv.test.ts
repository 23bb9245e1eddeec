import { describe, expect, it } from 'vitest'
import { cliArgsFromElectronArgv } from '../../../src-main/cli/electron-argv'

describe('cliArgsFromElectronArgv', () => {
  it('is null for a normal start of the app', () => {
    expect(cliArgsFromElectronArgv(['/opt/GenAuth SMS Console/genauth-sms-console'])).toBeNull()
    expect(cliArgsFromElectronArgv(['electron', '.', '--no-sandbox', '--cli-like'])).toBeNull()
  })

  it('gives everything after --cli to the CLI, whatever comes before it', () => {
    expect(cliArgsFromElectronArgv(['app', '--cli', 'send', '--channel', 'login', '--phone', '13800138000'])).toEqual([
      'send',
      '--channel',
      'login',
      '--phone',
      '13800138000',
    ])
    expect(cliArgsFromElectronArgv(['electron', '.', '--enable-logging', '--cli', 'history', '--json'])).toEqual([
      'history',
      '--json',
    ])
    expect(cliArgsFromElectronArgv(['app', '--cli'])).toEqual([])
  })

  it('leaves a later --cli to the CLI, which refuses it as an unknown flag', () => {
    expect(cliArgsFromElectronArgv(['app', '--cli', 'channels', '--cli'])).toEqual(['channels', '--cli'])
  })
})
