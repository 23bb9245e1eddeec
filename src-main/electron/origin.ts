/**
 * `scheme://host[:port]` of a URL. WHATWG `URL.origin` is "null" for schemes Node does not know as
 * special, such as app://, so it cannot be used to compare against the app's own origin.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}
