import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { spawnSechub as sechub, PROJECT_ROOT as ROOT } from '../../support/cli';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

describe('sechub put-events and normalize', () => {
  let local: EmbeddedDefault;
  const dir = mkdtempSync(join(tmpdir(), 'sechub-cli-events-'));

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: join(dir, 'data'), retryBackoffMs: 5 });
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  it('puts an ASFF batch that the stack’s rule routes into the store, and exits 1 for the failed entry', async () => {
    const productArn = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;
    const finding = aFinding({ Id: 'cli-events-1', ProductArn: productArn, AwsAccountId: LOCAL_ACCOUNT_ID });
    const entries = [
      { Source: 'com.example.scanner', DetailType: 'Findings Import', Detail: JSON.stringify({ findings: [finding] }) },
      { Source: 'x', DetailType: 'y' },
    ];
    writeFileSync(join(dir, 'entries.json'), JSON.stringify(entries));

    const result = await sechub(['put-events', '--endpoint-url', local.endpoint, '--entries', `file://${join(dir, 'entries.json')}`]);
    await local.idle();

    // One entry failed: exit 1, as docs/cli.md says, naming it.
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('1 of 2 entries failed:\n  Entries[1]: InvalidArgument: Parameter Detail is not valid. Reason: Detail is a required argument.');
    expect(JSON.parse(result.stdout)).toEqual({
      FailedEntryCount: 1,
      Entries: [{ EventId: expect.any(String) }, { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' }],
    });
  });

  it('prints the findings of an event, and exits 254 naming the field of one it cannot map', async () => {
    writeFileSync(
      join(dir, 'no-id.json'),
      JSON.stringify({
        version: '0',
        id: 'e',
        source: 'aws.guardduty',
        'detail-type': 'GuardDuty Finding',
        account: '1',
        region: 'us-east-1',
        time: '2026-01-01T00:00:00Z',
        detail: {},
      }),
    );

    const [good, bad] = await Promise.all([
      sechub(['normalize', join(ROOT, 'test/fixtures/events/guardduty/ec2-ssh-brute-force.json')]),
      sechub(['normalize', join(dir, 'no-id.json')]),
    ]);

    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ Normalizer: 'guardduty', Findings: [expect.objectContaining({ SchemaVersion: '2018-10-08' })] });
    expect(bad.code).toBe(254);
    expect(bad.stderr).toMatch(/^The guardduty normalizer cannot map this event: field detail\.\w+: /);
  });
});
