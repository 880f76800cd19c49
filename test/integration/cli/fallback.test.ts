import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../bin/cli/run';
import { LOCAL_TABLES } from '../../../lib/local/defaults';
import { startLocalDynamo } from '../../../lib/local/dynamo';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { aFinding } from '../../support/findings';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sechub with nothing listening on the default endpoint', () => {
  it('runs the command on an in-process embedded default over the data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sechub-fallback-'));
    const out: string[] = [];
    const err: string[] = [];

    const code = await runCli(['batch-import-findings', '--findings', JSON.stringify([aFinding({ Id: 'offline-1' })])], {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: { ...process.env, SECHUB_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'SILENT' },
      defaultEndpoint: `http://127.0.0.1:${await closedPort()}`,
    });

    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ SuccessCount: 1 });
    expect(err.join('')).toContain(`ran on an in-process embedded default, data dir ${dataDir}`);
    // The finding is in the data dir's tables once the command is over.
    const dynamo = await startLocalDynamo({ dataDir });
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    // (The simulated member account's control findings are there too: it reports its settings at start.)
    const imported = aFinding({ Id: 'offline-1' });
    const { Findings } = await new FindingsStore({ client, tableName: LOCAL_TABLES.findings }).getFindings({
      Filters: { ProductArn: [{ Value: imported.ProductArn, Comparison: 'EQUALS' }] },
    });
    client.destroy();
    await dynamo.stop();
    expect(Findings.map((f) => f.Id)).toEqual(['offline-1']);
  });
});
