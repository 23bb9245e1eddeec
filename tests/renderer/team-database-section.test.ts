import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { nextTick } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { errorText, type Settings, type TeamDatabaseConfig } from '@shared/contract'
import { i18n } from '../../src-renderer/src/i18n'
import TeamDatabaseSection from '../../src-renderer/src/components/settings/TeamDatabaseSection.vue'
import { useSettingsStore } from '../../src-renderer/src/stores/settings'
import { baseHandlers, FakeMain, SETTINGS, teamStatus } from './support/fake-main'
import { mountWithMain } from './support/mount'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

const SAVED: TeamDatabaseConfig = { host: 'db.team.example', port: 6432, database: 'sms', user: 'sms_console' }

const status = teamStatus

async function mountSection(main: FakeMain): Promise<void> {
  wrapper = await mountWithMain(TeamDatabaseSection, main)
  await useSettingsStore().load()
  await flushPromises()
}

const section = (): HTMLElement => document.querySelector<HTMLElement>('section[aria-labelledby="team-title"]')!

/** The form control a visible label names, as a user (or a screen reader) finds it. */
function field(label: string): HTMLInputElement {
  const element = [...section().querySelectorAll('label')].find((candidate) => candidate.textContent === label)
  expect(element, label).toBeDefined()
  return document.getElementById(element!.htmlFor) as HTMLInputElement
}

async function type(label: string, value: string): Promise<void> {
  const input = field(label)
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('blur'))
  await flushPromises()
}

function button(text: string): HTMLButtonElement {
  const found = [...section().querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text)
  expect(found, text).toBeDefined()
  return found!
}

async function click(text: string): Promise<void> {
  button(text).click()
  await flushPromises()
}

const states = (): string[] => [...section().querySelectorAll('[data-testid="team-state"]')].map((e) => e.textContent!)

describe('the team database section', () => {
  it('tests a database it has not saved, with a password used for the test only, and shows why it failed', async () => {
    const main = new FakeMain({
      ...baseHandlers(),
      'settings.get': () => SETTINGS,
      'team.status': () => status(),
      'team.test': ({ config }) =>
        status({
          source: 'settings',
          connection: `postgres://${config.user}@${config.host}:${config.port}/${config.database}?sslmode=disable`,
          state: 'unreachable',
          message: 'The team database is unreachable: connect ECONNREFUSED 127.0.0.1:9',
        }),
    })
    await mountSection(main)
    expect(section().textContent).toContain('Team mode is off')
    expect(button('Test connection').disabled).toBe(true)

    await type('Host', ' 127.0.0.1 ')
    await type('Port', '9')
    await type('Database', 'sms')
    await type('User', 'sms_console')
    await type('Password', 'pw-for-the-test')
    await click('Test connection')

    expect(main.inputsOf('team.test')).toEqual([
      { config: { host: '127.0.0.1', port: 9, database: 'sms', user: 'sms_console' }, password: 'pw-for-the-test' },
    ])
    expect(states()).toEqual([expect.stringContaining('Test result: Unreachable')])
    expect(states()[0]).toContain('ECONNREFUSED 127.0.0.1:9')
    // Testing stores nothing: neither the settings nor the keychain.
    expect(main.inputsOf('settings.update')).toEqual([])
    expect(main.inputsOf('team.setPassword')).toEqual([])
  })

  it('saves the connection in the settings and the password in the keychain, and never shows the password back', async () => {
    let settings = SETTINGS
    let current = status()
    const main = new FakeMain({
      ...baseHandlers(),
      'settings.get': () => settings,
      'settings.update': (patch) => (settings = { ...settings, ...patch } as Settings),
      'team.status': () => current,
      'team.setPassword': ({ value }) => (current = { ...current, hasPassword: value !== null }),
    })
    await mountSection(main)
    expect(section().textContent).toContain('Not stored')
    await type('Host', SAVED.host)
    await type('Port', String(SAVED.port))
    await type('Database', SAVED.database)
    await type('User', SAVED.user)
    await type('Password', 'pw-kept-in-keychain')
    await click('Store password')
    expect(main.inputsOf('team.setPassword')).toEqual([{ value: 'pw-kept-in-keychain' }])
    expect(field('Password').value).toBe('')
    expect(section().textContent).toContain('Stored in the keychain')

    current = status({
      source: 'settings',
      connection: 'postgres://sms_console@db.team.example:6432/sms',
      state: 'connected',
      schemaVersion: 2,
      entries: 1234,
      hasPassword: true,
    })
    await click('Save')
    expect(main.inputsOf('settings.update')).toEqual([{ teamDatabase: SAVED }])
    expect(states()).toEqual([expect.stringContaining('In use: Connected')])
    expect(states()[0]).toContain('1234 entries in the team history')
    expect(document.body.innerHTML).not.toContain('pw-kept-in-keychain')

    await click('Remove password')
    expect(main.inputsOf('team.setPassword').at(-1)).toEqual({ value: null })
    expect(section().textContent).toContain('Not stored')

    await click('Turn off team mode')
    expect(main.inputsOf('settings.update').at(-1)).toEqual({ teamDatabase: null })
  })

  it.each([
    ['schema-missing', 'Schema missing'],
    ['schema-too-old', 'Schema too old'],
    ['schema-too-new', 'Schema too new'],
    ['rejected', 'Rejected: user or password'],
    ['tls', 'TLS failed'],
  ] as const)('names the state %s and says what to do', async (state, shown) => {
    const message = `The team database says ${state}: run genauth-sms team init.`
    const main = new FakeMain({
      ...baseHandlers(),
      'settings.get': () => ({ ...SETTINGS, teamDatabase: SAVED }),
      'team.status': () =>
        status({ source: 'settings', connection: 'postgres://sms_console@db.team.example:6432/sms', state, message }),
    })
    await mountSection(main)
    expect(states()).toEqual([expect.stringContaining(`In use: ${shown}`)])
    expect(states()[0]).toContain(message)
    // The saved connection fills the form.
    expect(field('Host').value).toBe(SAVED.host)
    expect(field('Port').value).toBe('6432')
  })

  it('shows a database set by the environment read-only, with the results waiting for upload', async () => {
    const main = new FakeMain({
      ...baseHandlers(),
      'settings.get': () => SETTINGS,
      'team.status': () =>
        status({
          source: 'env',
          connection: 'postgres://sms_console@db.team.example:5432/sms?sslmode=verify-full',
          state: 'unreachable',
          message: 'The team database is unreachable: timeout',
          waitingUploads: 3,
          hasPassword: true,
        }),
    })
    await mountSection(main)
    expect(section().querySelector('[data-testid="team-from-env"]')?.textContent).toContain(
      'GENAUTH_SMS_TEAM_DATABASE_URL',
    )
    for (const label of ['Host', 'Port', 'Database', 'User', 'Password'])
      expect(field(label).disabled, label).toBe(true)
    expect(button('Test connection').disabled).toBe(true)
    expect(states()[0]).toContain('postgres://sms_console@db.team.example:5432/sms?sslmode=verify-full')
    expect(section().textContent).toContain('3 results wait for upload to the team database.')
    expect(section().textContent).toContain('the console never deletes team history')
  })

  it('says nothing of uploads when none wait', async () => {
    const main = new FakeMain({
      ...baseHandlers(),
      'settings.get': () => ({ ...SETTINGS, teamDatabase: SAVED }),
      'team.status': () => status({ source: 'settings', connection: 'postgres://x@y:5432/z', state: 'connected' }),
    })
    await mountSection(main)
    expect(section().textContent).not.toContain('wait for upload')
  })

  it("gives the reason in the user's language", async () => {
    const message = 'The team database has schema version 1 and this console needs schema version 2: run ...'
    const main = new FakeMain({
      ...baseHandlers(),
      'settings.get': () => ({ ...SETTINGS, teamDatabase: SAVED }),
      'team.status': () =>
        status({
          source: 'settings',
          connection: 'postgres://sms_console@db.team.example:6432/sms',
          state: 'schema-too-old',
          schemaVersion: 1,
          message,
          reason: errorText('teamSchemaTooOld', message, { version: 1, needed: 2 }),
        }),
    })
    await mountSection(main)
    i18n.global.locale.value = 'zh-CN'
    await nextTick()
    expect(states()[0]).toContain('团队数据库的结构版本是 1，本控制台需要 2')
    expect(states()[0]).not.toContain(message)
    i18n.global.locale.value = 'en-US'
  })
})
