/**
 * Hides the middle digits of a phone number, wherever it is shown masked: the history, its export, the
 * confirmation dialog and the cooldown panel. An 11-digit number keeps its first 3 and last 4 digits
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
