// The window's first script: it asks main for the first screen's answers, then main.ts builds the window.
import { askFirstAnswers } from './api/first-answers'

askFirstAnswers()
