export default {
  app: { title: 'GenAuth SMS Console' },
  nav: { send: 'Send', history: 'History', settings: 'Settings' },
  send: { title: 'Send a verification SMS' },
  cooldown: { title: 'Cooldown by channel' },
  history: { title: 'Request history' },
  settings: { title: 'Settings' },
}
