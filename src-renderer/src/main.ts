import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n, osLanguage, showLanguage } from './i18n'
import { levelCardHeadings } from './lib/card-headings'
import './styles/theme.css'
import './styles/controls.css'
import './styles.css'

// In the OS language from the first paint: a Chinese system waits for the zh-CN messages (a small chunk),
// an English one for nothing.
void showLanguage(osLanguage()).finally(() => {
  createApp(App).use(createPinia()).use(i18n).mount('#app')
  // Dialogs are teleported to the body, outside the app's element.
  levelCardHeadings(document.body)
})
