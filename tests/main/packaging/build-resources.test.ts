import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const projectDir = fileURLToPath(new URL('../../..', import.meta.url))

describe('electron-builder resources', () => {
  it('has a 1024x1024 PNG icon, the size electron-builder derives .icns and .ico from', () => {
    const png = readFileSync(join(projectDir, 'build/icon.png'))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1024, height: 1024 })
  })

  it('keeps the icon source the PNG is rendered from', () => {
    const svg = readFileSync(join(projectDir, 'build/icon.svg'), 'utf8')
    expect(svg).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/)
  })

  it('references only build resources that exist', () => {
    const config = readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8')
    // Paths that start a value (not keytar's build/ folder inside node_modules patterns).
    const referenced = [...config.matchAll(/(?:^|[\s'"])(build\/[\w.-]+)/gm)].flatMap((match) =>
      match[1] ? [match[1]] : [],
    )
    expect(referenced).toEqual(expect.arrayContaining(['build/icon.png', 'build/entitlements.mac.plist']))
    expect(referenced.filter((path) => !existsSync(join(projectDir, path)))).toEqual([])
  })

  it('grants the hardened macOS runtime the JIT V8 needs and loading the native modules, nothing more', () => {
    const entitlements = readFileSync(join(projectDir, 'build/entitlements.mac.plist'), 'utf8')
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1])).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.disable-library-validation',
    ])
  })

  it('re-signs ad hoc after flipping fuses, and keeps signing identities out of the configuration', () => {
    const config = readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8')
    expect(config).toMatch(/^electronFuses:(\n {2}.*)*\n {2}resetAdHocDarwinSignature: true$/m)
    expect(config).toMatch(/^mac:(\n {2}.*)*\n {2}hardenedRuntime: true$/m)
    // Identity and notarisation credentials come from CSC_LINK / APPLE_ID etc. in the environment.
    expect(config).not.toMatch(/^\s*(identity|notarize|cscLink|appleId)\s*:/m)
  })
})
