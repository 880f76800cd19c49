import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root (where `npx sechub` runs). */
export const PROJECT_ROOT = resolve(__dirname, '../..');

/** Runs `node bin/sechub.js …` (the package bin) as a user would and collects what it prints. */
export function spawnSechub(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(PROJECT_ROOT, 'bin/sechub.js'), ...args], { cwd: PROJECT_ROOT }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
