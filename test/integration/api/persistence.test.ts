import { BatchImportFindingsCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { aFinding } from '../../support/findings';

const ROOT = resolve(__dirname, '../../..');

/** `npm start`'s command on a free port; resolves once the banner names the endpoint. */
async function startServer(dataDir: string): Promise<{ endpoint: string; banner: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/main.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let banner = '';
  let errors = '';
  child.stderr?.on('data', (chunk) => (errors += chunk));
  const endpoint = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk) => {
      banner += chunk;
      const match = /endpoint:\s+(\S+)/.exec(banner);
      if (match && banner.includes('try:')) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${errors}`)));
  });
  return { endpoint, banner, child };
}

/** Sends SIGTERM and resolves with the exit code. */
function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}

function client(endpoint: string): SecurityHubClient {
  return new SecurityHubClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

describe('npm start (lib/local/main.ts)', () => {
  it('keeps findings in --data-dir across a restart, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sechub-persist-')), 'not-yet-created');

    const first = await startServer(dataDir);
    expect(first.banner).toContain(`data dir:  ${dataDir}`);
    expect(first.banner).toContain(`npx sechub get-findings --endpoint-url ${first.endpoint}`);
    const writer = client(first.endpoint);
    await writer.send(new BatchImportFindingsCommand({ Findings: [aFinding({ Id: 'survivor' }) as unknown as AwsSecurityFinding] }));
    writer.destroy();
    expect(await stopServer(first.child)).toBe(0);

    const second = await startServer(dataDir);
    const reader = client(second.endpoint);
    // The simulated member account's control findings are there too (it reports its settings at start).
    const { Findings } = await reader.send(new GetFindingsCommand({ Filters: { ProductArn: [{ Value: aFinding().ProductArn, Comparison: 'EQUALS' }] } }));
    reader.destroy();
    expect(await stopServer(second.child)).toBe(0);

    expect(Findings?.map((f) => f.Id)).toEqual(['survivor']);
  });
});
