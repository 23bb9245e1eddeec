/** Raw HTTP helpers for emulator tests: what any client could put on the wire. */
export interface RawAnswer {
  status: number
  headers: Headers
  text: string
  json: Record<string, unknown> | null
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  path = '/api/v3/send-sms',
): Promise<RawAnswer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let json: Record<string, unknown> | null = null
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = null
  }
  return { status: response.status, headers: response.headers, text, json }
}
