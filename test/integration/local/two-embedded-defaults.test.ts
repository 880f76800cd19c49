/**
 * Two embedded defaults in one process, each with its own data dir, port and dynalite: their
 * functions run in isolates of their own with their own environment (endpoints), so each sees only
 * the findings imported into it.
 */
import { BatchImportFindingsCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;

describe('two embedded defaults in one process', () => {
  const running: EmbeddedDefault[] = [];
  afterAll(() => Promise.all(running.map((local) => local.stop())));

  it('each keeps its own data: a finding imported into one is found there and not in the other', async () => {
    const [first, second] = await Promise.all(
      ['first', 'second'].map((name) => startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), `sechub-two-${name}-`)), retryBackoffMs: 5, schedules: false })),
    );
    running.push(first, second);
    expect(first.endpoint).not.toBe(second.endpoint);
    expect(first.dynamoEndpoint).not.toBe(second.dynamoEndpoint);
    const hubs = [first, second].map((local) => new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials }));
    const ids = ['only-in-first', 'only-in-second'];

    for (const [index, hub] of hubs.entries()) {
      const answer = await hub.send(new BatchImportFindingsCommand({ Findings: [aFinding({ Id: ids[index], ProductArn: PRODUCT_ARN, AwsAccountId: LOCAL_ACCOUNT_ID }) as never] }));
      expect(answer).toMatchObject({ SuccessCount: 1, FailedCount: 0 });
    }
    await Promise.all([first.idle(), second.idle()]);

    for (const [index, hub] of hubs.entries()) {
      const { Findings = [] } = await hub.send(new GetFindingsCommand({ Filters: { Id: ids.map((Value) => ({ Value, Comparison: 'EQUALS' as const })) } }));
      expect(Findings.map((finding) => finding.Id)).toEqual([ids[index]]);
      hub.destroy();
    }
  }, 400_000);
});
