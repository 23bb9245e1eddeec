import http from 'node:http'

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

/**
 * A request to the emulator's control routes through node:http, which lets a test send any Host and
 * Origin header (fetch would not), as a rebinding page or another local process could.
 */
export function control(
  url: string,
  options: { method?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers['x-emulator-token'] = options.token
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/__emulator/requests`,
      { method: options.method ?? 'GET', headers, agent: false },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end()
  })
}
