import { shallowRef } from 'vue'

export type NoticeKind = 'success' | 'failure'
export interface Notice {
  id: number
  kind: NoticeKind
  text: string
}

/** How long a notice stays: a failure long enough to read a sentence or two, a confirmation briefly. */
const SHOWN_MS: Record<NoticeKind, number> = { success: 3000, failure: 10_000 }
/** At most this many at once: a burst of failures shows its latest, not a column down the window. */
const MOST = 3

/** The window's short-lived notices (the outcome of an action), drawn and announced by AppNotices. */
export const notices = shallowRef<readonly Notice[]>([])
let lastId = 0

export function dismissNotice(id: number): void {
  notices.value = notices.value.filter((notice) => notice.id !== id)
}

export function showNotice(kind: NoticeKind, text: string): void {
  const id = ++lastId
  notices.value = [...notices.value, { id, kind, text }].slice(-MOST)
  setTimeout(() => dismissNotice(id), SHOWN_MS[kind])
}
