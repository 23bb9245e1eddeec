import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { TeamStatus } from '@shared/contract'
import TeamBadge from '../../src-renderer/src/components/TeamBadge.vue'
import { useTeamStore } from '../../src-renderer/src/stores/team'
import { baseHandlers, FakeMain, teamStatus } from './support/fake-main'
import { mountWithMain } from './support/mount'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

const OFF = teamStatus()

async function badgeFor(status: TeamStatus): Promise<HTMLElement | null> {
  const main = new FakeMain({ ...baseHandlers(), 'team.status': () => status })
  wrapper = await mountWithMain(TeamBadge, main)
  await useTeamStore().load()
  await flushPromises()
  return document.querySelector<HTMLElement>('[data-testid="team-badge"]')
}

describe('the Team badge in the header', () => {
  it('is absent while team mode is off', async () => {
    expect(await badgeFor(OFF)).toBeNull()
  })

  it.each([
    ['settings', 'connected', 'Team database: Connected'],
    ['env', 'unreachable', 'Team database: Unreachable'],
  ] as const)('shows the state of a database from %s in its text and tooltip', async (source, state, described) => {
    const badge = await badgeFor({ ...OFF, source, state, connection: 'postgres://sms@db:5432/sms' })
    expect(badge?.textContent).toContain('Team')
    // Read out by a screen reader although hidden from sight; the tooltip says the same.
    expect(badge?.querySelector('.visually-hidden')?.textContent).toContain(described)
    expect(badge?.getAttribute('title')).toBe(described)
  })
})
