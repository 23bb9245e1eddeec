import type en from './en-US'

const zh: typeof en = {
  app: { title: 'GenAuth 短信控制台' },
  nav: { send: '发送', history: '历史', settings: '设置' },
  send: { title: '发送验证码短信' },
  cooldown: { title: '各通道冷却' },
  history: { title: '请求历史' },
  settings: { title: '设置' },
}
export default zh
