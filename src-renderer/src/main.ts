// First: it asks main for the first screen's answers (in the built page it has run already, from its own script).
import './ask-first'
import { createPinia, setActivePinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n, loadAllTexts, osLanguage, showLanguage } from './i18n'
import { levelCardHeadings } from './lib/card-headings'
import { whenIdle } from './lib/when-idle'
import { useAppStore } from './stores/app'
import { useProfilesStore } from './stores/profiles'
import { useSettingsStore } from './stores/settings'
import './styles/theme.css'
import './styles/controls.css'
import './styles.css'

/** How long the window waits for main's first answers before it is built without them. */
const ANSWERS_WAIT_MS = 300

const pinia = createPinia()
setActivePinia(pinia)

// Main's answers are asked for first, and the window is built once they are in: one render of the filled
// form instead of an empty one and then another. Should main be slow, the window is built without them
// after a short wait; should it be unreachable, the window says so, with the texts of main's refusals.
const app = useAppStore()
const answers = Promise.all([app.load(), useProfilesStore().load(), useSettingsStore().load()])
answers.catch((error: unknown) => (app.startupError = error))
const answered = Promise.race([
  answers.catch(() => loadAllTexts()),
  new Promise((resolve) => setTimeout(resolve, ANSWERS_WAIT_MS)),
])

// In the OS language from the first paint: a Chinese system waits for the zh-CN messages (a small chunk),
// an English one for nothing.
void Promise.allSettled([showLanguage(osLanguage()), answered]).then(() => {
  createApp(App).use(pinia).use(i18n).mount('#app')
  // Dialogs are teleported to the body, outside the app's element.
  levelCardHeadings(document.body)
  // The texts beyond the first screen, ready before anyone can open History or Settings or send.
  whenIdle(() => void loadAllTexts().catch(() => undefined))
})
