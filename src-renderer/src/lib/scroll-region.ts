import { markingDirective } from './mark-inside'

type ScrollRegion = { label: string; selector: string }

/**
 * Makes the scrolling part of a component reachable by keyboard: the element matching `selector` inside gets
 * `tabindex="0"`, the role "region" and a name, so Tab stops there and the arrow and page keys scroll it. Naive
 * UI's tables swap their scroller (virtual list or plain) as rows come and go, so the marks are set again
 * whenever the inside changes.
 */
export const vScrollRegion = markingDirective<ScrollRegion>((element, region) => {
  const scroller = element.querySelector<HTMLElement>(region.selector)
  if (!scroller) return
  const marks = { tabindex: '0', role: 'region', 'aria-label': region.label, 'data-scroll-region': '' }
  for (const [name, value] of Object.entries(marks)) {
    if (scroller.getAttribute(name) !== value) scroller.setAttribute(name, value)
  }
})
