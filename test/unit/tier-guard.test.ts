/** The unit tier's guard (test/support/unit-guard.ts) stops a test that reaches outside the process. */
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';
import { UnitTierViolation } from '../support/unit-guard';

describe('the unit tier guard', () => {
  it('refuses servers, connections, child processes and worker threads, naming where the test belongs', () => {
    expect(() => createServer().listen(0)).toThrow(UnitTierViolation);
    expect(() => createServer().listen(0)).toThrow(
      'unit tier: listening on a port (a server) is not allowed in test/unit (no network, no child processes, no servers); put this test in test/integration',
    );
    expect(() => connect(9, '127.0.0.1')).toThrow('opening a network connection');
    expect(() => spawn('true')).toThrow('child_process.spawn');
    expect(() => execFileSync('true')).toThrow('child_process.execFileSync');
    expect(() => new Worker('0', { eval: true })).toThrow('starting a worker thread');
  });
});
