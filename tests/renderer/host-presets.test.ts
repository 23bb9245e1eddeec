import { describe, expect, it } from 'vitest'
import { applyPreset, presetOf } from '../../src-renderer/src/lib/host-presets'

describe('host presets', () => {
  it('recognise the cloud domains and call anything else private', () => {
    expect(presetOf('https://acme.genauth.ai')).toBe('genauth')
    expect(presetOf('acme.authing.cn/')).toBe('authing-cn')
    expect(presetOf('https://auth.example.com')).toBe('private')
    expect(presetOf('https://genauth.ai.example.com')).toBe('private')
    expect(presetOf('')).toBe('private')
  })

  it('move an app between the clouds keeping its label', () => {
    expect(applyPreset('authing-cn', 'https://acme.genauth.ai')).toBe('https://acme.authing.cn')
    expect(applyPreset('genauth', 'acme.authing.cn')).toBe('https://acme.genauth.ai')
    expect(applyPreset('genauth', '')).toBe('https://.genauth.ai')
  })

  it('leave a private host alone, and clear a cloud host for a private one', () => {
    expect(applyPreset('private', 'https://auth.example.com/idp')).toBe('https://auth.example.com/idp')
    expect(applyPreset('private', 'https://acme.genauth.ai')).toBe('https://')
    expect(applyPreset('genauth', 'https://auth.example.com')).toBe('https://.genauth.ai')
  })
})
