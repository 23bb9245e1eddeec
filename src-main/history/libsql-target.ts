import { currentTarget as neonTarget, load } from '@neon-rs/load'
import { familySync, GLIBC } from 'detect-libc'

// Stands in for @neon-rs/load where the built bundles load libsql (electron.vite.config.ts redirects
// libsql's import of it here); tests and tools that load libsql from node_modules use the original.
export { load }

/**
 * The native package libsql loads (`@libsql/<target>`), named as @neon-rs/load names it, without its
 * diagnostic report on glibc Linux. To tell glibc from musl, @neon-rs/load builds a whole
 * `process.report` (6 to 9 ms of every command-line start, measured with bench/cli-startup.mjs).
 * detect-libc, which libsql asks next, reads the answer from the C library's files; when that answer is
 * glibc, libsql maps a musl target back to gnu, so there the report could not change which binary loads.
 */
export function currentTarget(): string {
  const glibcLinux = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')
  if (glibcLinux && familySync() === GLIBC) return `linux-${process.arch}-gnu`
  return neonTarget()
}
