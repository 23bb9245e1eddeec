import { inflateRawSync } from 'node:zlib'

/**
 * The files inside a zip archive (Playwright traces are zips), read from its central directory.
 * Stored and deflated entries are returned; anything else, or an archive that cannot be read, is
 * returned as its raw bytes under the archive's own name so it is still scanned.
 */
export function zipEntries(archive: Buffer): Array<{ name: string; data: Buffer }> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0 || end + 22 > archive.length) return [{ name: '', data: archive }]
  const count = archive.readUInt16LE(end + 10)
  let offset = archive.readUInt32LE(end + 16)
  const entries: Array<{ name: string; data: Buffer }> = []
  try {
    for (let index = 0; index < count; index++) {
      if (archive.readUInt32LE(offset) !== 0x02014b50) break
      const method = archive.readUInt16LE(offset + 10)
      const compressedSize = archive.readUInt32LE(offset + 20)
      const nameLength = archive.readUInt16LE(offset + 28)
      const extraLength = archive.readUInt16LE(offset + 30)
      const commentLength = archive.readUInt16LE(offset + 32)
      const localOffset = archive.readUInt32LE(offset + 42)
      const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength)
      const localNameLength = archive.readUInt16LE(localOffset + 26)
      const localExtraLength = archive.readUInt16LE(localOffset + 28)
      const start = localOffset + 30 + localNameLength + localExtraLength
      const raw = archive.subarray(start, start + compressedSize)
      entries.push({ name, data: method === 8 ? inflateRawSync(raw) : raw })
      offset += 46 + nameLength + extraLength + commentLength
    }
  } catch {
    return [{ name: '', data: archive }]
  }
  return entries
}
