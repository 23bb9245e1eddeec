import { resolve } from 'node:path'
import vueI18n from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import Components from 'unplugin-vue-components/vite'
import { NaiveUiResolver } from 'unplugin-vue-components/resolvers'

// This project keeps src-main/ and src-renderer/ instead of electron-vite's src/ defaults,
// so every entry is named here (see README, "Layout").
/** The code both sides run (src-main/shared), imported by the renderer and the preload as `@shared/...`. */
const sharedAlias = { '@shared': resolve(__dirname, 'src-main/shared') }

/** The modules of the renderer's first script, which must load without Vue or the app's other code. */
const FIRST_SCRIPT = [
  '/src/ask-first.ts',
  '/src/api/first-answers.ts',
  '/src/api/transport.ts',
  '/shared/browser-mode.ts',
  '/shared/first-calls.ts',
]

/**
 * Vue and the libraries the first screen runs on (Pinia, vue-i18n), in one chunk rather than one each: every
 * file the page loads at start is one more request to the host and one more compile streamed beside the first
 * script's, which waits behind them. The lazily loaded parts (Naive UI, History, Settings) import it too.
 */
const FIRST_SCREEN_LIBRARIES = /node_modules[\\/](@vue|vue|pinia|vue-i18n|@intlify)[\\/]/

/**
 * Gives the built page the first script as a module script of its own, before the entry's. Vite bundles
 * every script of a page into one entry, whose imports run only once all of its code has arrived and been
 * compiled; on its own, the first script runs as soon as its small chunk arrives, and main's answers are
 * on their way while the rest loads. The entry imports it too (the same URL, so it runs once).
 */
function firstScriptOfItsOwn(): Plugin {
  return {
    name: 'first-script-of-its-own',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.name === 'ask-first',
        )
        const entry = /<script type="module" crossorigin src="[^"]+"><\/script>/.exec(html)
        if (!chunk || !entry) throw new Error('the build has no first-script chunk or no entry script to put it before')
        const tag = `<script type="module" async crossorigin src="./${chunk.fileName}"></script>`
        return html.replace(entry[0], `${tag}\n    ${entry[0]}`)
      },
    },
  }
}

/**
 * libsql's platform probe without its diagnostic report (see src-main/history/libsql-target.ts): libsql is
 * bundled into main's build, and its import of @neon-rs/load leads there instead.
 */
function libsqlTargetWithoutReport(): Plugin {
  const target = resolve(__dirname, 'src-main/history/libsql-target.ts')
  return {
    name: 'libsql-target-without-report',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@neon-rs/load' && importer && /[\\/]node_modules[\\/]libsql[\\/]/.test(importer)) return target
      return null
    },
  }
}

/** V8's explicit compile hint: every function of a script that starts with it is compiled eagerly. */
const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad\n'

/**
 * Marks the renderer's entry chunk (the app's own first-screen code: stores, the shell, the send form) for
 * eager compilation. Without the hint V8 compiles a function on the main thread the first time it is
 * called, and nearly every function of that chunk is called while the form is built; with it they are
 * compiled on a background thread as the chunk streams in. The library chunks (Vue, vue-i18n) keep lazy
 * compilation: most of their functions are not called on the first screen, and compiling them all held
 * back the first render (measured both ways). Chromium 136 and later read the hint; others see a comment.
 */
function compileEntryEagerly(): Plugin {
  return {
    name: 'compile-entry-eagerly',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && output.isEntry) output.code = EAGER_COMPILE_HINT + output.code
      }
    },
  }
}

export default defineConfig({
  main: {
    plugins: [libsqlTargetWithoutReport()],
    build: {
      outDir: 'out/main',
      // Bundled and tree-shaken rather than loaded from node_modules: zod's CommonJS build loads ~100
      // files (every locale) and libphonenumber-js its AsYouType and text-search code on every start,
      // most of a command line invocation's time.
      // libsql and its loader too, so that its platform probe can be replaced (libsqlTargetWithoutReport);
      // commander too, so that the command line's code cache (src-main/cli/code-cache.ts) holds it.
      externalizeDeps: { exclude: ['zod', 'libphonenumber-js', 'libsql', '@neon-rs/load', 'commander'] },
      rollupOptions: {
        input: {
          // The Electron main process.
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          // Browser mode: the same services served to a browser on loopback, in plain Node.
          host: resolve(__dirname, 'src-main/web/start-host.ts'),
          // The command-line companion, in plain Node (the packaged app runs it with --cli).
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
        },
        // Chunks split where the code imports lazily (a command, the services, the send flow), so a
        // command line call loads a few dozen files rather than the hundreds a file per module took:
        // resolving and reading each costs start-up time.
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          // require() rather than import() for packages loaded on first use (keytar): a module taken from
          // the command line's code cache (src-main/cli/code-cache.ts) could not import() on Node 20.
          dynamicImportInCjs: false,
          // Without the sources' comments (licence notices stay) and in ASCII: every command reads, decodes
          // and hashes (for its code cache) what it loads, and a file with one non-ASCII character is
          // decoded to two bytes a character. About 1.5 % of a read-only command's instructions.
          charset: 'ascii',
          comments: { legal: true, annotation: false, jsdoc: false },
          // zod and the contract in one chunk rather than one per contract file: every command needs them,
          // and each file a command loads costs its start a fraction of a millisecond to find and read.
          codeSplitting: {
            groups: [{ name: 'contract', test: /node_modules[\\/]zod[\\/]|src-main[\\/]shared[\\/]contract[\\/]/ }],
          },
        },
      },
    },
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias: sharedAlias },
    // Vue's Options API (data, methods, mixins...) is used neither by the app nor by Naive UI, whose
    // components are setup functions with render functions; without it the runtime is smaller and quicker
    // to evaluate. Vue's devtools and hydration details are off by default; vue-i18n's devtools are not.
    define: { __INTLIFY_PROD_DEVTOOLS__: 'false' },
    plugins: [
      vue({ features: { optionsAPI: false } }),
      firstScriptOfItsOwn(),
      compileEntryEagerly(),
      Components({ dts: false, resolvers: [NaiveUiResolver()] }),
      // The messages are compiled when the renderer is built, so the window runs vue-i18n without its
      // message compiler: a smaller first screen that does no parsing of messages at start.
      vueI18n({
        include: [
          resolve(__dirname, 'src-renderer/src/i18n/en-US.ts'),
          resolve(__dirname, 'src-renderer/src/i18n/en-US-later.ts'),
          resolve(__dirname, 'src-renderer/src/i18n/zh-CN.ts'),
          resolve(__dirname, 'src-renderer/src/i18n/zh-CN-later.ts'),
        ],
        runtimeOnly: true,
        dropMessageCompiler: true,
        compositionOnly: true,
        fullInstall: false,
      }),
    ],
    build: {
      // electron-vite leaves the renderer unminified by default; minified, the first screen stays small.
      minify: true,
      outDir: 'out/renderer',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
        output: {
          // The first script (src/ask-first.ts) and what it needs, in a chunk the entry imports first: it
          // runs, and main's first answers are on their way, before Vue and the app's code are evaluated.
          manualChunks: (id) => {
            if (FIRST_SCRIPT.some((part) => id.includes(part))) return 'ask-first'
            return FIRST_SCREEN_LIBRARIES.test(id) ? 'vue' : undefined
          },
        },
      },
    },
  },
})
