// @neon-rs/load 0.0.4 names a types folder it does not ship; these are the two functions libsql uses.
declare module '@neon-rs/load' {
  /** The platform part of a Neon module's package name, like `linux-x64-gnu`. */
  export function currentTarget(): string
  /** The module at `<dirname>/index.node`, or null when there is none. */
  export function load(dirname: string): unknown
}
