import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';
import { harness, type Harness } from '../triage/automation-harness';
import { runSechubAt } from '../../support/cli';

describe('sechub automation rules against the API (store with the automation-rules stage, on dynalite)', () => {
  let dynamo: LocalDynamo;
  let local: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sechub-rules-'));
    dynamo = await startDynalite();
    local = await harness(dynamo);
  });
  afterAll(async () => {
    await local.stop();
    await dynamo.stop();
  });

  const sechub = (...argv: string[]) => runSechubAt(local.endpoint, argv);

  const criteria = JSON.stringify({ Title: [{ Value: 'sandbox', Comparison: 'CONTAINS' }] });
  const actions = JSON.stringify([
    { Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'sandbox noise', UpdatedBy: 'platform' } } },
  ]);

  it('dry-runs a rule file over stored findings, creates it, applies it at import and re-applies it', async () => {
    const findings = [aFinding({ Id: 'sandbox-1', Title: 'sandbox bucket public' }), aFinding({ Id: 'prod-1', Title: 'prod bucket public' })];
    writeFileSync(join(dir, 'findings.json'), JSON.stringify(findings));
    expect((await sechub('batch-import-findings', '--findings', `file://${join(dir, 'findings.json')}`)).code).toBe(0);

    const rule = { RuleName: 'Sandbox noise', Description: 'suppress sandbox findings', RuleOrder: 5, Criteria: JSON.parse(criteria), Actions: JSON.parse(actions) };
    writeFileSync(join(dir, 'rule.json'), JSON.stringify(rule));
    const dryRun = await sechub('dry-run-automation-rule', '--rule', `file://${join(dir, 'rule.json')}`);
    expect(dryRun.code).toBe(0);
    expect(dryRun.json.FindingsChanged).toBe(1);
    expect(dryRun.json.Changes[0].FindingIdentifier.Id).toBe('sandbox-1');
    expect(dryRun.json.Changes[0].Updates).toContainEqual({ UpdatedField: 'Workflow.Status', OldValue: 'NEW', NewValue: 'SUPPRESSED' });

    const created = await sechub(
      'create-automation-rule',
      '--rule-name',
      'Sandbox noise',
      '--description',
      'suppress sandbox findings',
      '--rule-order',
      '5',
      '--criteria',
      criteria,
      '--actions',
      actions,
    );
    expect(created.code).toBe(0);
    const arn = created.json.RuleArn as string;
    const listed = await sechub('list-automation-rules');
    expect(listed.json.AutomationRulesMetadata.map((r: { RuleArn: string }) => r.RuleArn)).toContain(arn);

    // New findings get the rule at import.
    writeFileSync(join(dir, 'new.json'), JSON.stringify([aFinding({ Id: 'sandbox-2', Title: 'sandbox key' })]));
    await sechub('batch-import-findings', '--findings', `file://${join(dir, 'new.json')}`);
    const imported = await sechub('get-findings', '--filters', JSON.stringify({ Id: [{ Value: 'sandbox-2', Comparison: 'EQUALS' }] }));
    expect(imported.json.Findings[0].Workflow.Status).toBe('SUPPRESSED');

    // Existing findings get it when it is re-applied; the dry-run by ARN said so first.
    const byArn = await sechub('dry-run-automation-rule', '--rule-arn', arn);
    expect(byArn.json.Changes.map((c: { FindingIdentifier: { Id: string } }) => c.FindingIdentifier.Id)).toEqual(['sandbox-1']);
    const applied = await sechub('apply-automation-rules', '--rule-arns', arn);
    expect(applied.code).toBe(0);
    expect(applied.json.Changes.map((c: { FindingIdentifier: { Id: string } }) => c.FindingIdentifier.Id)).toEqual(['sandbox-1']);
    const existing = await sechub('get-findings', '--filters', JSON.stringify({ Id: [{ Value: 'sandbox-1', Comparison: 'EQUALS' }] }));
    expect(existing.json.Findings[0].Workflow.Status).toBe('SUPPRESSED');

    expect((await sechub('batch-delete-automation-rules', '--automation-rules-arns', arn)).json.ProcessedAutomationRules).toEqual([arn]);
  });

  it('prints a refused rule as the AWS CLI does, exit code 254', async () => {
    const result = await sechub('create-automation-rule', '--rule-name', 'x', '--description', 'x', '--rule-order', '0', '--criteria', '{}', '--actions', actions);
    expect(result.code).toBe(254);
    expect(result.stderr).toContain('An error occurred (InvalidInputException) when calling the CreateAutomationRule operation: RuleOrder: must be an integer from 1 to 1000');
  });
  it('answers a dry-run of an unknown rule with ResourceNotFoundException, and reports a disabled rule as not applied', async () => {
    const unknown = await sechub('dry-run-automation-rule', '--rule-arn', 'arn:aws:securityhub:us-east-1:000000000000:automation-rule/none');
    expect(unknown.code).toBe(254);
    expect(unknown.stderr).toContain('ResourceNotFoundException');
    const created = await sechub(
      'create-automation-rule',
      '--rule-name',
      'off',
      '--description',
      'off',
      '--rule-order',
      '7',
      '--rule-status',
      'DISABLED',
      '--criteria',
      '{}',
      '--actions',
      actions,
    );
    const applied = await sechub('apply-automation-rules', '--rule-arns', created.json.RuleArn);
    expect(applied.json.RuleArns).toEqual([]);
    expect(applied.json.UnprocessedAutomationRules[0]).toMatchObject({ RuleArn: created.json.RuleArn, ErrorCode: 400 });
  });
});
