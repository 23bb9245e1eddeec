/**
 * Where an application host usually lives: GenAuth's cloud, Authing's cloud in China, or a private
 * deployment on the customer's own https host. The cloud presets keep the app's own label, which is
 * the part of the host a user actually has to type.
 */
export const HOST_PRESETS = ['genauth', 'authing-cn', 'private'] as const
export type HostPreset = (typeof HOST_PRESETS)[number]

const CLOUD_SUFFIX: Record<Exclude<HostPreset, 'private'>, string> = {
  genauth: '.genauth.ai',
  'authing-cn': '.authing.cn',
}

export const HOST_PLACEHOLDER: Record<HostPreset, string> = {
  genauth: 'https://<app>.genauth.ai',
  'authing-cn': 'https://<app>.authing.cn',
  private: 'https://auth.example.com',
}

/** The preset a host already follows: a cloud one by its domain, any other host is private. */
export function presetOf(host: string): HostPreset {
  const name = hostName(host)
  if (name.endsWith(CLOUD_SUFFIX.genauth)) return 'genauth'
  if (name.endsWith(CLOUD_SUFFIX['authing-cn'])) return 'authing-cn'
  return 'private'
}

/** The host rewritten for a preset, keeping the app's label when the host was on a cloud domain. */
export function applyPreset(preset: HostPreset, host: string): string {
  const current = presetOf(host)
  if (preset === 'private') return current === 'private' ? host : 'https://'
  const label = current === 'private' ? '' : hostName(host).slice(0, -CLOUD_SUFFIX[current].length)
  return `https://${label}${CLOUD_SUFFIX[preset]}`
}

function hostName(host: string): string {
  return (
    host
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .split(/[/?#:]/)[0] ?? ''
  )
}
