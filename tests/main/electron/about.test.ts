import { describe, expect, it } from 'vitest'
import { aboutDetail, aboutTitle, type AboutInfo } from '../../../src-main/electron/about'

const info: AboutInfo = {
  productName: 'GenAuth SMS Console',
  version: '0.1.0',
  versions: { electron: '45.3.4', chrome: '140.0.7339.249', node: '22.20.0', v8: '14.0.365.10', uv: '1.51.0' },
  platform: 'linux',
  arch: 'x64',
  dataDir: '/home/someone/.config/GenAuth SMS Console',
  logsDir: '/home/someone/.config/GenAuth SMS Console/logs',
}

describe('about text', () => {
  it('names the product and its version', () => {
    expect(aboutTitle(info)).toBe('GenAuth SMS Console 0.1.0')
  })

  it('lists the runtime versions, the platform and the folders in that order', () => {
    expect(aboutDetail(info)).toBe(
      [
        'Version: 0.1.0',
        'Electron: 45.3.4',
        'Chromium: 140.0.7339.249',
        'Node.js: 22.20.0',
        'V8: 14.0.365.10',
        'Platform: linux x64',
        '',
        'Data folder: /home/someone/.config/GenAuth SMS Console',
        'Logs folder: /home/someone/.config/GenAuth SMS Console/logs',
      ].join('\n'),
    )
  })

  it('leaves out runtimes the process does not have', () => {
    // Plain Node (the CLI, browser mode, this test) has no Electron or Chromium.
    const detail = aboutDetail({ ...info, versions: process.versions })
    expect(detail).toContain(`Node.js: ${process.versions.node}`)
    expect(detail).not.toContain('Electron')
    expect(detail).not.toContain('Chromium')
  })
})
