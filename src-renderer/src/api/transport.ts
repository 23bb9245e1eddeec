import { CONSOLE_TOKEN_HEADER, FIRST_ANSWERS_PATH } from '@shared/browser-mode'
import type { CallName, ConsoleEvent, Envelope } from '@shared/contract'
import { FIRST_CALLS, type FirstCall } from '@shared/first-calls'

export type FirstAnswers = Record<FirstCall, Promise<Envelope<unknown>>>

/** How the renderer reaches main: Electron's preload bridge, or the browser-mode host over HTTP. */
export type Transport = {
  invoke(name: CallName, input: unknown): Promise<Envelope<unknown>>
  subscribe(listener: (event: ConsoleEvent) => void): () => void
  /** The first screen's answers, where the transport has a quicker way to them than one call each. */
  askFirst?(): FirstAnswers
}

export function electronTransport(api: NonNullable<Window['api']>): Transport {
  return {
    invoke: (name, input) => (api[name] as (input: unknown) => Promise<Envelope<unknown>>)(input),
    subscribe: (listener) => api.onEvent(listener),
  }
}

/** Browser mode: the per-run token arrives in the page URL and goes with every call. */
export function browserTransport(token: string, fetcher: typeof fetch = fetch): Transport {
  /** The host's answer as JSON; when it has none (an HTTP error page, say), null and its status. */
  async function post(path: string, body: unknown): Promise<{ json: unknown; status: number }> {
    const response = await fetcher(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONSOLE_TOKEN_HEADER]: token },
      body: JSON.stringify(body ?? {}),
    })
    try {
      return { json: await response.json(), status: response.status }
    } catch {
      return { json: null, status: response.status }
    }
  }

  return {
    async invoke(name, input) {
      const { json, status } = await post(`/rpc/${encodeURIComponent(name)}`, input)
      return (json as Envelope<unknown> | null) ?? noResult(status)
    },
    askFirst() {
      const answers = post(FIRST_ANSWERS_PATH, {})
      const one = async (name: FirstCall): Promise<Envelope<unknown>> => {
        const { json, status } = await answers
        // A refusal of the request itself (a wrong token, say) is every call's answer.
        if (json !== null && typeof json === 'object' && 'ok' in json) return json as Envelope<unknown>
        return (json as Partial<Record<FirstCall, Envelope<unknown>>> | null)?.[name] ?? noResult(status)
      }
      return Object.fromEntries(FIRST_CALLS.map((name) => [name, one(name)])) as FirstAnswers
    },
    subscribe(listener) {
      const source = new EventSource(`/events?token=${encodeURIComponent(token)}`)
      // The host sends only events main checked against their schema.
      source.addEventListener('change', (message) => {
        listener(JSON.parse((message as MessageEvent<string>).data) as ConsoleEvent)
      })
      return () => source.close()
    },
  }
}

/** What a call gets when the host answered without a result. */
function noResult(status: number): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'internal',
      key: 'hostAnsweredNoResult',
      params: { status },
      message: `The console host answered HTTP ${status} without a result.`,
    },
  }
}

export function detectTransport(): Transport {
  if (window.api) return electronTransport(window.api)
  const token = new URLSearchParams(window.location.search).get('token') ?? ''
  return browserTransport(token)
}
