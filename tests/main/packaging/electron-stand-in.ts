import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// The fuse wire as @electron/fuses finds it in an Electron binary: this sentinel, a version byte, a
// length byte, then one ASCII byte per fuse ('0' off, '1' on) in FuseV1Options order.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE_VERSION = 1

/**
 * The stand-in's starting fuses, index by index: RunAsNode, EnableCookieEncryption,
 * EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
 * GrantFileProtocolExtraPrivileges, WasmTrapHandlers. Electron's own defaults, except RunAsNode, which
 * Electron ships on and the app keeps on: it starts off here. Every fuse the app configures starts
 * opposite to its configured value, so a passing check shows the packager really wrote it.
 */
const STAND_IN_FUSES = '001100011'

/**
 * Writes a stand-in for an unpacked Linux Electron distribution into `dir`: an `electron` executable
 * carrying a fuse wire, and an empty `resources` folder. electron-builder accepts it as `electronDist`
 * and runs its real copy, asar and fuse steps on it; nothing here can run the app itself.
 */
export function createElectronStandIn(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const executable = join(dir, 'electron')
  const body = Buffer.concat([
    Buffer.from('#!/bin/sh\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([FUSE_WIRE_VERSION, STAND_IN_FUSES.length]),
    Buffer.from(STAND_IN_FUSES),
    Buffer.from('\necho "stand-in for Electron: it cannot run the app" >&2\nexit 1\n'),
  ])
  writeFileSync(executable, body, { mode: 0o755 })
  return dir
}
