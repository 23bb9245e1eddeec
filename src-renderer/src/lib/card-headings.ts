import { markInside } from './mark-inside'

/**
 * Naive UI's cards (every `preset="card"` dialog) mark their title twice with role "heading", outer and inner,
 * both without a level: invalid ARIA that screen readers announce as two headings. Naive UI offers no prop for
 * it, so this leaves one heading of level 2 (the level of the views' own titles) on each card title as it
 * appears anywhere in `root`. Returns the function that stops watching.
 */
export function levelCardHeadings(root: HTMLElement): () => void {
  return markInside(root, () => {
    root.querySelectorAll<HTMLElement>('.n-card-header[role="heading"]').forEach((header) => {
      header.setAttribute('role', 'none')
      header.querySelector('.n-card-header__main[role="heading"]')?.setAttribute('aria-level', '2')
    })
  })
}
