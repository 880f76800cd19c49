import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { aFinding } from '../../support/findings';
import { runSechubAt } from '../../support/cli';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

describe('sechub insights against the embedded default', () => {
  let local: EmbeddedDefault;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-insights-')) });
  });
  afterAll(() => local.stop());

  const sechub = (...argv: string[]) => runSechubAt(local.endpoint, argv);

  it('creates a custom insight, reads its results, updates, lists and deletes it', async () => {
    const findings = [
      aFinding({ Id: 'cli-1', AwsAccountId: '111111111111', Severity: { Label: 'CRITICAL' } }),
      aFinding({ Id: 'cli-2', AwsAccountId: '111111111111', Severity: { Label: 'CRITICAL' } }),
      aFinding({ Id: 'cli-3', AwsAccountId: '222222222222', Severity: { Label: 'CRITICAL' } }),
      aFinding({ Id: 'cli-4', AwsAccountId: '222222222222', Severity: { Label: 'LOW' } }),
    ];
    expect((await sechub('batch-import-findings', '--findings', JSON.stringify(findings))).json.SuccessCount).toBe(4);

    const created = await sechub(
      'create-insight',
      '--name',
      'Critical by account',
      // This test's product only: the simulated member account reports control findings of its own.
      '--filters',
      JSON.stringify({ SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }], ProductArn: [{ Value: aFinding().ProductArn, Comparison: 'EQUALS' }] }),
      '--group-by-attribute',
      'AwsAccountId',
    );
    expect(created.code).toBe(0);
    const arn = created.json.InsightArn as string;

    const results = await sechub('get-insight-results', '--insight-arn', arn);
    expect(results.json.InsightResults).toEqual({
      InsightArn: arn,
      GroupByAttribute: 'AwsAccountId',
      ResultValues: [
        { GroupByAttributeValue: '111111111111', Count: 2 },
        { GroupByAttributeValue: '222222222222', Count: 1 },
      ],
    });

    expect((await sechub('update-insight', '--insight-arn', arn, '--group-by-attribute', 'SeverityLabel')).code).toBe(0);
    expect((await sechub('get-insight-results', '--insight-arn', arn)).json.InsightResults.ResultValues).toEqual([{ GroupByAttributeValue: 'CRITICAL', Count: 3 }]);

    const listed = await sechub('get-insights');
    expect(listed.json.Insights.map((insight: { Name: string }) => insight.Name)).toEqual(['Critical by account']);

    expect((await sechub('delete-insight', '--insight-arn', arn)).json.InsightArn).toBe(arn);
    expect((await sechub('get-insights')).json.Insights).toEqual([]);
  });

  it('reads a managed insight by its Security Hub ARN, and refuses to delete it as the AWS CLI prints errors', async () => {
    const severity = await sechub('get-insight-results', '--insight-arn', 'arn:aws:securityhub:::insight/securityhub/default/29');
    expect(severity.code).toBe(0);
    expect(severity.json.InsightResults.GroupByAttribute).toBe('SeverityLabel');

    const refused = await sechub('delete-insight', '--insight-arn', 'arn:aws:securityhub:::insight/securityhub/default/29');
    expect(refused.code).toBe(254);
    expect(refused.stderr).toContain('An error occurred (InvalidInputException) when calling the DeleteInsight operation');
  });
});
