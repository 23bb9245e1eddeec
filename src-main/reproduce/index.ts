import type { Reproduction } from '../shared/contract/reproduce'
import type { RedactedRequest } from '../shared/contract/send'
import { curlCommand } from './curl'
import { partsOf } from './request-parts'
import { SDK_SNIPPETS } from './sdk-snippets'

/**
 * The one generator behind "Copy as cURL", "Copy as code" and `--as-curl`: the URL, headers and body of a
 * recorded request, with the access token as an environment variable reference, never its value.
 */
export function reproduce(request: RedactedRequest): Reproduction {
  const parts = partsOf(request)
  return {
    curl: curlCommand(parts),
    node: SDK_SNIPPETS.node(parts),
    java: SDK_SNIPPETS.java(parts),
    python: SDK_SNIPPETS.python(parts),
    go: SDK_SNIPPETS.go(parts),
  }
}
