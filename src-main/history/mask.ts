import { maskPhone } from '../shared/phone/mask'

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
