/**
 * Runs `work` once the window has nothing better to do (at the latest after `timeoutMs`), for work
 * the first screen does not need shown at once.
 */
export function whenIdle(work: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: timeoutMs })
  else setTimeout(work, 0)
}
