import type { CallName, Envelope } from '@shared/contract'
import { FIRST_CALLS } from '@shared/first-calls'
import { detectTransport } from './transport'

const asked = new Map<CallName, Promise<Envelope<unknown>>>()

/**
 * Asks main for the first screen's answers. The window's first, tiny script calls this, so the answers
 * travel while the rest of the window's code loads and runs instead of after it.
 */
export function askFirstAnswers(): void {
  const transport = detectTransport()
  const together = transport.askFirst?.()
  for (const name of FIRST_CALLS) {
    const answer = together?.[name] ?? transport.invoke(name, {})
    // Whoever takes the answer sees a failure; one nobody takes must not surface as unhandled.
    answer.catch(() => undefined)
    asked.set(name, answer)
  }
}

/** The answer asked for early to this call, handed out once; null when there is none left. */
export function takeFirstAnswer(name: CallName): Promise<Envelope<unknown>> | null {
  const answer = asked.get(name) ?? null
  asked.delete(name)
  return answer
}
