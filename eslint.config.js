// @ts-check
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const vue = require('eslint-plugin-vue')
const prettier = require('eslint-config-prettier')
const globals = require('globals')
const { builtinModules } = require('node:module')

/** What code in src-main/shared/ may not import: it runs in the renderer too, so no Node and no Electron. */
const notInTheSharedRoom = (outside) => ({
  // Builtins by exact name: as a pattern, `events` would also forbid the contract's own './events'.
  paths: [
    { name: 'electron', message: 'The shared room runs in the renderer too: no Electron.' },
    ...builtinModules.map((name) => ({ name, message: 'The shared room runs in the renderer too: no Node builtins.' })),
  ],
  patterns: [
    { regex: '^node:', message: 'The shared room runs in the renderer too: no Node builtins.' },
    { regex: outside, message: 'The shared room imports only itself and libraries (zod, libphonenumber-js).' },
  ],
})

module.exports = tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}', 'tests/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The renderer reaches main's code only through the shared room; it never bundles main-process code.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)src-main(/|$)', message: 'Import code shared with main as @shared/... only.' }] },
      ],
    },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      // The preload runs in the renderer's sandbox: Electron's bridge, the shared room, and its own files.
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^\\.\\./', message: 'The preload imports code shared with main as @shared/... only.' }],
        },
      ],
    },
  },
  // Each depth of src-main/shared/ gets the pattern for "a path that leaves src-main/shared".
  ...[0, 1, 2].map((depth) => ({
    files: [`src-main/shared/${'*/'.repeat(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', notInTheSharedRoom(`^(\\.\\./){${depth + 1}}`)] },
  })),
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/preload/**', 'src-main/shared/**'],
    rules: {
      // Services run in plain Node (tests, CLI, browser mode): Electron stays in src-main/electron/.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ and the preload may import Electron.' }] },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
)
