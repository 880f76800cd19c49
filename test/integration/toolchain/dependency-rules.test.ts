/**
 * The dependency rules (.dependency-cruiser.cjs, run by `npm test` as `npm run deps`) fail on a
 * violating import: dependency-cruiser runs, as `npm run deps` does, over a small tree in a temp
 * directory laid out as the project is, with the project's own rules file.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs the rules over a tree of `files` (path → source); resolves to the exit code and report. */
async function cruise(files: Record<string, string>): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sechub-deps-'));
  try {
    copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node', strict: true } }));
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    return await new Promise((resolve) => {
      execFile(process.execPath, [DEPCRUISE, 'lambdas', 'lib', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the dependency rules', () => {
  it('pass a tree that keeps them', async () => {
    const { code, output } = await cruise({
      'lambdas/store/index.ts': "export { put } from './put';\n",
      'lambdas/store/put.ts': 'export const put = (): number => 1;\n',
      'lambdas/functions/ingest/handler.ts': "import { put } from '../../store';\nexport const handler = (): number => put();\n",
      'lib/local/glue.ts': "import { put } from '../../lambdas/store';\nexport const glue = put();\n",
    });

    expect({ code, output }).toEqual({ code: 0, output: expect.not.stringContaining('error') });
  });

  it('fail on each kind of violating import, naming the rule', async () => {
    const { code, output } = await cruise({
      'lib/local/glue.ts': 'export const glue = 1;\n',
      'lambdas/store/index.ts': "export { put } from './put';\n",
      'lambdas/store/put.ts': "import { glue } from '../../lib/local/glue';\nexport const put = (): number => glue;\n",
      'lambdas/store/types.ts': "import type { Other } from './other';\nexport type Own = { other?: Other };\n",
      'lambdas/store/other.ts': "import type { Own } from './types';\nexport type Other = { own?: Own };\n",
      'lambdas/triage/rank.ts': "import { put } from '../store/put';\nexport const rank = (): number => put();\n",
      'lambdas/shared/util.ts': "import { rank } from '../triage/rank';\nexport const util = (): number => rank();\n",
    });

    expect(code).not.toBe(0);
    expect(output).toContain('lambdas-stay-in-lambdas: lambdas/store/put.ts → lib/local/glue.ts');
    expect(output).toMatch(/no-circular: lambdas\/store\/(types|other)\.ts/);
    expect(output).toContain('domains-only-through-index: lambdas/triage/rank.ts → lambdas/store/put.ts');
    expect(output).toContain('shared-not-to-domains: lambdas/shared/util.ts → lambdas/triage/rank.ts');
  });
});
