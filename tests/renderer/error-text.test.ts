import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallError, ErrorKey } from '@shared/contract'
// Read at run time, to hold the translations to the contract's closed list.
import { ERROR_KEYS } from '@shared/contract/errors'
import KeychainSection from '../../src-renderer/src/components/settings/KeychainSection.vue'
import { i18n, loadAllTexts, showLanguage } from '../../src-renderer/src/i18n'
import en from '../../src-renderer/src/i18n/en-US-later'
import { renderCallError, renderErrorText, renderIssue } from '../../src-renderer/src/i18n/error-text'
import zh from '../../src-renderer/src/i18n/zh-CN-later'
import { baseHandlers, FakeMain } from './support/fake-main'
import { mountWithMain } from './support/mount'

const composer = i18n.global

function refusal(key: ErrorKey, params: CallError['params'], message: string): CallError {
  return { code: 'cooldown', key, params, message }
}

// zh-CN's messages load the first time the window shows Chinese; main's refusals come with the texts beyond
// the first screen.
beforeEach(async () => {
  await loadAllTexts()
  await showLanguage('zh-CN')
})
afterEach(() => {
  composer.locale.value = 'en-US'
})

describe('the texts of main’s errors', () => {
  it('exist in both languages for every key of the contract’s closed list, and no other', () => {
    expect(ERROR_KEYS.length).toBeGreaterThan(60)
    expect(Object.keys(en.errors).sort()).toEqual([...ERROR_KEYS].sort())
    expect(Object.keys(zh.errors).sort()).toEqual([...ERROR_KEYS].sort())
    for (const key of ERROR_KEYS) {
      expect(zh.errors[key], key).not.toBe(en.errors[key])
      expect(zh.errors[key], key).toMatch(/\p{Script=Han}/u)
    }
  })

  it('render in the interface’s language with main’s values put in', () => {
    const error = refusal(
      'sendCooldown',
      { seconds: 42 },
      'GenAuth allows one SMS per number and channel per minute: 42 s left on this channel.',
    )
    expect(renderCallError(composer, error)).toBe(
      'GenAuth 每个号码每个通道每分钟只允许发送一条短信：此通道还需等待 42 秒。',
    )
    composer.locale.value = 'en-US'
    expect(renderCallError(composer, error)).toBe(error.message)
  })

  it('add the fix main knows after the problem', () => {
    const error: CallError = {
      ...refusal('keychainLocked', {}, 'The OS keychain is locked. Open Keychain Access, ...'),
      hint: { key: 'keychainFixMacUnlock', params: {}, message: 'Open Keychain Access, ...' },
    }
    expect(renderCallError(composer, error)).toBe('系统钥匙串已锁定。 打开“钥匙串访问”，解锁登录钥匙串，然后重试。')
  })

  it('fall back to main’s English for a key this renderer does not know', () => {
    const error = refusal('notAKeyYet' as ErrorKey, {}, 'Something main said in English.')
    expect(renderCallError(composer, error)).toBe('Something main said in English.')
    expect(renderErrorText(composer, error)).toBe('Something main said in English.')
  })

  it('name the field of a schema issue, quoting the schema’s English only in English', () => {
    const issue = { path: 'fields.name', message: 'give the profile a name' }
    expect(renderIssue(composer, issue)).toBe('字段 fields.name 的值无效。')
    composer.locale.value = 'en-US'
    expect(renderIssue(composer, issue)).toBe('fields.name: give the profile a name')
  })
})

describe('the keychain status in Settings', () => {
  let wrapper: VueWrapper | null = null
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('says what is wrong and how to fix it in Chinese in the zh-CN interface', async () => {
    const main = new FakeMain(baseHandlers())
    main.on('keychain.status', () => ({
      available: false,
      backend: 'keytar',
      problem: {
        key: 'keychainNoSession',
        params: {},
        message: 'The OS keychain cannot be reached: there is no D-Bus session bus.',
      },
      fix: {
        key: 'keychainFixLinuxDesktop',
        params: {},
        message: 'Install gnome-keyring (or KWallet with its Secret Service) and run the app in a desktop session.',
      },
    }))
    wrapper = await mountWithMain(KeychainSection, main)
    composer.locale.value = 'zh-CN'
    await flushPromises()
    const status = document.querySelector('[data-testid="keychain-status"]')?.textContent ?? ''
    expect(status).toContain('无法连接系统钥匙串：没有 D-Bus 会话总线。')
    expect(status).toContain('安装 gnome-keyring')
    expect(status).not.toContain('cannot be reached')
  })
})
