/**
 * The unit tier's rule, enforced: no network, no child processes, no servers, no worker threads.
 * While a unit test file runs, opening a socket, listening, spawning a process or starting a
 * Worker throws an error that says where such a test belongs (test/integration). The real
 * functions are restored after the file, so the same Jest worker can run other tiers' files.
 */
import childProcess from 'node:child_process';
import net from 'node:net';
import workerThreads from 'node:worker_threads';

/** The error a unit test gets when it reaches outside the process. */
export class UnitTierViolation extends Error {
  constructor(what: string) {
    super(`unit tier: ${what} is not allowed in test/unit (no network, no child processes, no servers); put this test in test/integration`);
    this.name = 'UnitTierViolation';
  }
}

type Patch = { target: object; key: string; original: unknown };
const patches: Patch[] = [];

function forbid(target: object, key: string, what: string): void {
  const record = target as Record<string, unknown>;
  patches.push({ target, key, original: record[key] });
  record[key] = function forbidden(): never {
    throw new UnitTierViolation(what);
  };
}

forbid(net.Server.prototype, 'listen', 'listening on a port (a server)');
forbid(net.Socket.prototype, 'connect', 'opening a network connection');
for (const key of ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'] as const) {
  forbid(childProcess, key, `child_process.${key}`);
}
forbid(workerThreads, 'Worker', 'starting a worker thread');

afterAll(() => {
  for (const { target, key, original } of patches.reverse()) (target as Record<string, unknown>)[key] = original;
});
