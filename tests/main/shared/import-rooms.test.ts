import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** Lints one import as if it stood in `filePath`, and returns the messages of the import rule. */
async function importProblems(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() })
  const [result] = await eslint.lintText(`import { x } from '${source}'\nexport const y = x\n`, { filePath })
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the import rules of the shared room', () => {
  it('keep Node, Electron and the rest of main out of src-main/shared', async () => {
    for (const source of ['node:fs', 'fs', 'electron', '../../history/mask', '../history']) {
      const file = source === '../history' ? 'src-main/shared/explain.ts' : 'src-main/shared/phone/mask.ts'
      expect(await importProblems(file, source), source).toHaveLength(1)
    }
    expect(await importProblems('src-main/shared/phone/mask.ts', '../contract/history')).toEqual([])
    expect(await importProblems('src-main/shared/phone/mask.ts', 'libphonenumber-js/max')).toEqual([])
  })

  it('let the renderer and the preload reach main only through @shared', async () => {
    expect(await importProblems('src-renderer/src/stores/app.ts', '../../../src-main/history')).toHaveLength(1)
    expect(await importProblems('src-renderer/src/stores/app.ts', '../../../src-main/shared/explain')).toHaveLength(1)
    expect(await importProblems('src-main/preload/index.ts', '../shared/contract/call-names')).toHaveLength(1)
    expect(await importProblems('src-renderer/src/stores/app.ts', '@shared/explain')).toEqual([])
    expect(await importProblems('src-main/preload/index.ts', '@shared/contract/call-names')).toEqual([])
  })
})
