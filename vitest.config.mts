import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  // As in electron.vite.config.ts: the renderer reaches the shared code as `@shared/...`.
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src-main/shared', import.meta.url)) } },
  test: {
    // Main-process code runs in plain Node; renderer components get a DOM from happy-dom.
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['tests/main/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          // Setup starts real servers, keychains and processes: on a loaded 2-core machine it can take longer
          // than Vitest's 10 s default, and a setup that times out fails a run in which no test failed.
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: { name: 'renderer', include: ['tests/renderer/**/*.test.ts'], environment: 'happy-dom' },
      },
    ],
  },
})
