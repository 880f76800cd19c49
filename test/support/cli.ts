import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runCli } from '../../bin/cli/run';

/** The repository root (where `npx sechub` runs). */
export const PROJECT_ROOT = resolve(__dirname, '../..');

/** Runs `node bin/sechub.js …` (the package bin) as a user would and collects what it prints; `env` adds variables. */
export function spawnSechub(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(PROJECT_ROOT, 'bin/sechub.js'), ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** What an in-process `sechub` run printed: the exit code, stdout parsed as JSON (`{}` when empty), stderr. */
export interface SechubRun {
  code: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: Record<string, any>;
  stderr: string;
}

/** Runs `sechub …` in this process (the CLI's own `runCli`) against `endpoint`, as the user's command line would. */
export async function runSechubAt(endpoint: string, argv: string[]): Promise<SechubRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--endpoint-url', endpoint], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {} });
  return { code, json: stdout ? (JSON.parse(stdout) as SechubRun['json']) : {}, stderr };
}
