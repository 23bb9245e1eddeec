// Cold loads of the send form, shared by the first-screen benchmarks.
//
// "Usable" means: the phone input is present and enabled, the channel select shows a channel's name
// (its options came from main), the Send button is rendered, and a frame showing all that has been
// painted: a form in the DOM that is not yet on screen is not usable. Added to the page before its own
// scripts, this watches the DOM; once the form holds, it waits for the next frame (a message posted from
// requestAnimationFrame runs after that frame is painted) and records performance.now() (milliseconds
// since navigation) in `window.__sendFormUsableAt`, and says so on the console: the benchmark listens
// for that rather than polling the page, which would run its own script in the page while it loads.
/* global document, window, HTMLInputElement, HTMLSelectElement, MutationObserver, requestAnimationFrame -- the page's, where these functions run */
export function watchForUsableForm(signal) {
  const usable = () => {
    const panel = document.getElementById('panel-send')
    const phone = panel?.querySelector('input[inputmode="tel"]')
    const select = panel?.querySelector('select.channel-select')
    const channel = select instanceof HTMLSelectElement ? (select.selectedOptions[0]?.textContent?.trim() ?? '') : ''
    return (
      phone instanceof HTMLInputElement &&
      !phone.disabled &&
      channel !== '' &&
      !channel.startsWith('CHANNEL_') &&
      panel?.querySelector('[data-testid="send-button"]') !== null
    )
  }
  const afterNextPaint = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = then
      channel.port2.postMessage(null)
    })
  const observer = new MutationObserver(() => {
    if (!usable()) return
    observer.disconnect()
    window.__sendFormInDomAt = performance.now()
    afterNextPaint(() => {
      window.__sendFormUsableAt = performance.now()
      console.debug(signal)
    })
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true })
}

/**
 * A page in a fresh browser context (empty cache) with caching off, watching for the usable form, and
 * a DevTools session on it. Close `context` when done.
 */
export async function coldPage(browser, viewport) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await page.addInitScript(watchForUsableForm, USABLE_SIGNAL)
  usableSignals.set(
    page,
    new Promise((resolve) => page.on('console', (message) => message.text() === USABLE_SIGNAL && resolve())),
  )
  return { context, page, cdp }
}

const USABLE_SIGNAL = 'send-form-usable'
const usableSignals = new WeakMap()

/** Milliseconds after navigation at which the form became usable, once it has. */
export async function usableFormAt(page, timeout) {
  let timer
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the send form was not usable within ${timeout} ms`)), timeout)
  })
  try {
    await Promise.race([usableSignals.get(page), late])
  } finally {
    clearTimeout(timer)
  }
  return page.evaluate(() => window.__sendFormUsableAt)
}

/** Milliseconds after navigation at which the form was complete in the DOM, a frame before it was painted. */
export function formInDomAt(page) {
  return page.evaluate(() => window.__sendFormInDomAt)
}
