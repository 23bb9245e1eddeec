import { markingDirective } from './mark-inside'

/**
 * Takes Naive UI's built-in `role="alert"` off the n-alerts inside an element, where the console's one live
 * region (SendAnnouncements) already announces their news: a screen reader then hears it once, politely, not
 * twice. Naive UI puts the role after the caller's attributes, so it cannot be overridden on the n-alert itself.
 */
export const vQuietAlerts = markingDirective<void>((element) => {
  element.querySelectorAll('.n-alert[role="alert"]').forEach((alert) => alert.removeAttribute('role'))
})
