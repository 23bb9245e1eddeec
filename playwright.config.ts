import { defineConfig } from '@playwright/test'

// Debian's Chromium: Playwright's own browser download cannot reach its servers from our machines.
// The networking flags keep Chromium from trying to reach the internet at all.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export default defineConfig({
  testDir: 'e2e',
  // Its `paths` give the specs the `@shared/...` alias the renderer uses.
  tsconfig: './tsconfig.e2e.json',
  outputDir: 'artifacts/playwright',
  timeout: 60_000,
  workers: 2,
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser-mode', testMatch: /browser\/.*\.spec\.ts/ },
    // Launches the real desktop app; runs only where the Electron binary is installed.
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
})
