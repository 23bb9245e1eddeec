/** Offers text to the user as a download, the way a browser and Electron both handle it. */
export function saveTextFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function mimeTypeOf(fileName: string): string {
  if (fileName.endsWith('.csv')) return 'text/csv;charset=utf-8'
  if (fileName.endsWith('.json')) return 'application/json;charset=utf-8'
  return 'text/plain;charset=utf-8'
}
