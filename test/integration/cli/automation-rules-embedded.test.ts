import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { RULES_AS_CODE } from '../../../lambdas/triage/automation/rules-as-code';
import { APPLIED_RULES_FIELD, RULES_AS_CODE_CREATOR } from '../../../lambdas/triage/automation/types';
import { aFinding } from '../../support/findings';
import { runSechubAt } from '../../support/cli';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

describe('automation rules on the embedded default (npm start), through sechub', () => {
  let local: EmbeddedDefault;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-rules-embedded-')) });
  });
  afterAll(() => local.stop());

  const sechub = (...argv: string[]) => runSechubAt(local.endpoint, argv);

  it('lists the shipped rules-as-code, and applies a new rule to the next import at once', async () => {
    const listed = await sechub('list-automation-rules');
    expect(listed.json.AutomationRulesMetadata.filter((rule: { CreatedBy: string }) => rule.CreatedBy === RULES_AS_CODE_CREATOR)).toHaveLength(RULES_AS_CODE.length);

    const created = await sechub(
      'create-automation-rule',
      '--rule-name',
      'Sandbox noise',
      '--description',
      'suppress sandbox findings',
      '--rule-order',
      '5',
      '--criteria',
      '{"Title":[{"Value":"sandbox","Comparison":"CONTAINS"}]}',
      '--actions',
      '[{"Type":"FINDING_FIELDS_UPDATE","FindingFieldsUpdate":{"Workflow":{"Status":"SUPPRESSED"}}}]',
    );
    expect(created.code).toBe(0);
    const production = aFinding({ Id: 'prod-1', Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::prod', Tags: { environment: 'production' } }] as never });
    const sandbox = aFinding({ Id: 'sandbox-1', Title: 'sandbox bucket public' });
    expect((await sechub('batch-import-findings', '--findings', JSON.stringify([production, sandbox]))).code).toBe(0);

    const { json } = await sechub('get-findings');
    const byId = new Map(json.Findings.map((finding: { Id: string }) => [finding.Id, finding]));
    expect(byId.get('sandbox-1')).toMatchObject({ Workflow: { Status: 'SUPPRESSED' }, ProductFields: { [APPLIED_RULES_FIELD]: created.json.RuleArn } });
    const productionRule = RULES_AS_CODE.find((rule) => rule.RuleName === 'Raise severity for production-tagged resources');
    expect(byId.get('prod-1')).toMatchObject({ Severity: { Label: 'CRITICAL' }, ProductFields: { [APPLIED_RULES_FIELD]: productionRule?.RuleArn } });
  });
});
