/**
 * Hides the middle digits of a phone number. An 11-digit number keeps its first 3 and last 4 digits
 * (`188****8888`), the form people in China recognise; longer numbers keep the same 3 and 4. Shorter
 * numbers reveal at most half their digits, about 3 from the start for every 4 from the end.
 * Characters other than digits (spaces, dashes) stay where they are.
 */
export function maskPhone(phone: string): string {
  const digitCount = phone.replace(/\D/g, '').length
  const { head, tail } = visibleDigits(digitCount)
  let index = 0
  return phone.replace(/\d/g, (digit) => {
    const position = index++
    return position < head || position >= digitCount - tail ? digit : '*'
  })
}

function visibleDigits(digitCount: number): { head: number; tail: number } {
  if (digitCount >= 11) return { head: 3, tail: 4 }
  const shown = Math.floor(digitCount / 2)
  const head = Math.floor((shown * 3) / 7)
  return { head, tail: shown - head }
}

/**
 * A function that replaces a stored phone number wherever it appears in recorded text (the request
 * body carries it), in the form it was stored and as bare digits, so a masked entry does not leak it
 * elsewhere. Only whole occurrences count: a short number inside a longer one (a date, a length) stays.
 * `inJson`: the text is JSON, where the number appears escaped as a JSON string would have it.
 */
export function phoneMasker(phone: string, inJson = false): (text: string) => string {
  const digits = phone.replace(/\D/g, '')
  const escape = (text: string): string => (inJson ? JSON.stringify(text).slice(1, -1) : text)
  const forms = [...new Set([phone, digits])].filter((form) => form.length > 0)
  const replacements = forms.map((form) => {
    const shown = escape(form)
    const hidden = escape(maskPhone(form))
    const pattern = new RegExp(`(?<!\\d)${escapeRegExp(shown)}(?!\\d)`, 'g')
    return (text: string): string => (text.includes(shown) ? text.replace(pattern, () => hidden) : text)
  })
  return (text) => replacements.reduce((current, replace) => replace(current), text)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
