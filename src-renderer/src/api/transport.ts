import type { CallName, ConsoleEvent, Envelope } from '@shared/contract'

/** How the renderer reaches main: Electron's preload bridge, or the browser-mode host over HTTP. */
export type Transport = {
  invoke(name: CallName, input: unknown): Promise<Envelope<unknown>>
  subscribe(listener: (event: ConsoleEvent) => void): () => void
}

export function electronTransport(api: NonNullable<Window['api']>): Transport {
  return {
    invoke: (name, input) => (api[name] as (input: unknown) => Promise<Envelope<unknown>>)(input),
    subscribe: (listener) => api.onEvent(listener),
  }
}

const TOKEN_HEADER = 'x-console-token'

/** Browser mode: the per-run token arrives in the page URL and goes with every call. */
export function browserTransport(token: string, fetcher: typeof fetch = fetch): Transport {
  return {
    async invoke(name, input) {
      const response = await fetcher(`/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      })
      try {
        return (await response.json()) as Envelope<unknown>
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: `The console host answered HTTP ${response.status} without a result.` },
        }
      }
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

export function detectTransport(): Transport {
  if (window.api) return electronTransport(window.api)
  const token = new URLSearchParams(window.location.search).get('token') ?? ''
  return browserTransport(token)
}
