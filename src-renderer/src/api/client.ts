import type { CallError, CallInput, CallName, CallOutput, ConsoleEvent } from '@shared/contract'
import { takeFirstAnswer } from './first-answers'
import { detectTransport, type Transport } from './transport'

/** A call that main refused or that failed; `error` is what main said, ready to show. */
export class CallFailure extends Error {
  constructor(readonly error: CallError) {
    super(error.message)
    this.name = 'CallFailure'
  }
}

let transport: Transport | null = null

export function useTransport(next: Transport): void {
  transport = next
}

function current(): Transport {
  transport ??= detectTransport()
  return transport
}

/** Calls main through whichever transport this window has; resolves with the output or throws CallFailure. */
export async function call<N extends CallName>(
  name: N,
  // Calls whose input has no required field can be made without one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  ...input: {} extends CallInput<N> ? [] | [CallInput<N>] : [CallInput<N>]
): Promise<CallOutput<N>> {
  const given = input[0] ?? {}
  const early = Object.keys(given).length === 0 ? takeFirstAnswer(name) : null
  const envelope = await (early ?? current().invoke(name, given))
  if (!envelope.ok) throw new CallFailure(envelope.error)
  return envelope.value as CallOutput<N>
}

export function onEvent(listener: (event: ConsoleEvent) => void): () => void {
  return current().subscribe(listener)
}
