/** `1 234 ms` below ten seconds, `12.3 s` above: latencies people compare at a glance. */
export function formatLatency(ms: number | null, language: string): string {
  if (ms === null) return '—'
  if (ms < 10_000) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(ms)} ms`
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(ms / 1000)} s`
}

/** `2025-01-15 09:00:00` in local time: one width in every language, sortable by eye. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  const two = (value: number) => String(value).padStart(2, '0')
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  )
}

/** Pretty-prints a JSON body for reading; anything else is shown as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

export function formatHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')
}
