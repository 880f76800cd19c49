import { diffFindings } from '../../../lambdas/store/history';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { findingKey } from '../../../lambdas/store/keys';
import { runRules } from '../../../lambdas/triage/automation/rule-runs';
import type { AutomationRule, FindingFieldsUpdate } from '../../../lambdas/triage/automation/types';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const NOW = new Date('2026-11-27T12:00:00.000Z');

function aRule(name: string, order: number, criteria: AutomationRule['Criteria'], update: FindingFieldsUpdate, overrides: Partial<AutomationRule> = {}): AutomationRule {
  return {
    RuleArn: `arn:aws:securityhub:us-east-1:000000000000:automation-rule/${name}`,
    RuleName: name,
    Description: name,
    RuleOrder: order,
    RuleStatus: 'ENABLED',
    IsTerminal: false,
    Criteria: criteria,
    Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: update }],
    CreatedAt: '2026-11-01T00:00:00.000Z',
    UpdatedAt: '2026-11-01T00:00:00.000Z',
    CreatedBy: 'tester',
    ...overrides,
  };
}

const RULES = [
  aRule('suppress-low', 1, { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] }, { Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'noise', UpdatedBy: 'rules' } }),
  aRule('raise-prod', 2, { Title: [{ Value: 'prod', Comparison: 'CONTAINS' }] }, { Severity: { Label: 'CRITICAL' }, UserDefinedFields: { env: 'prod' } }, { IsTerminal: true }),
  aRule('after-terminal', 3, {}, { Confidence: 50 }),
];

const FINDINGS = [
  aFinding({ Id: 'low-prod', Severity: { Label: 'LOW' }, Title: 'prod bucket open' }),
  aFinding({ Id: 'high-dev', Title: 'dev bucket open' }),
  aFinding({ Id: 'high-prod', Title: 'prod key exposed' }),
  aFinding({ Id: 'low-dev', Severity: { Label: 'LOW' }, Title: 'dev' }),
];

async function storeWithFindings(dynamo: LocalDynamo): Promise<FindingsStore> {
  const store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable(), now: () => NOW });
  await store.importFindings(FINDINGS, { identity: 'importer' });
  return store;
}

const byKey = (findings: AwsSecurityFinding[]) => new Map(findings.map((finding) => [findingKey(finding), finding]));

describe('dry-run and re-application of automation rules over stored findings', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.stop();
  });

  it('reports in the dry-run exactly the changes the real run writes', async () => {
    const store = await storeWithFindings(dynamo);
    const before = byKey((await store.findAll()).findings);

    const dryRun = await runRules(store, RULES, { dryRun: true, now: NOW });
    const unchanged = byKey((await store.findAll()).findings);
    expect(unchanged).toEqual(before);

    const realRun = await runRules(store, RULES, { dryRun: false, now: NOW });
    const after = (await store.findAll()).findings;
    const written = after
      .map((finding) => ({ FindingIdentifier: identifierOf(finding), Updates: diffFindings(before.get(findingKey(finding))!, finding) }))
      .filter((change) => change.Updates.length > 0)
      .sort((a, b) => (findingKey(a.FindingIdentifier) < findingKey(b.FindingIdentifier) ? -1 : 1));

    expect(dryRun.Changes.map(({ FindingIdentifier, Updates }) => ({ FindingIdentifier, Updates }))).toEqual(written);
    expect(realRun.Changes).toEqual(dryRun.Changes);
    expect(dryRun.FindingsChanged).toBe(4);
  });

  it('honours order and terminal rules over stored findings', async () => {
    const store = await storeWithFindings(dynamo);
    const report = await runRules(store, RULES, { dryRun: true, now: NOW });
    const rulesOf = (id: string) => report.Changes.find((change) => change.FindingIdentifier.Id === id)?.RuleArns.map((arn) => arn.split('/')[1]);
    expect(rulesOf('low-prod')).toEqual(['suppress-low', 'raise-prod']);
    expect(rulesOf('high-dev')).toEqual(['after-terminal']);
    expect(rulesOf('low-dev')).toEqual(['suppress-low', 'after-terminal']);
  });

  it('records the rule ARN as the identity of the change in the finding history', async () => {
    const store = await storeWithFindings(dynamo);
    await runRules(store, [RULES[0]], { dryRun: false, now: NOW });
    const { Records } = await store.getFindingHistory({ FindingIdentifier: identifierOf(FINDINGS[3]) });
    expect(Records[0].UpdateSource).toEqual({ Type: 'BATCH_UPDATE_FINDINGS', Identity: RULES[0].RuleArn });
    expect(Records[0].Updates.map((update) => update.UpdatedField)).toContain('Workflow.Status');
  });

  it('changes nothing when re-applied to findings it already changed', async () => {
    const store = await storeWithFindings(dynamo);
    await runRules(store, RULES, { dryRun: false, now: NOW });
    const again = await runRules(store, RULES, { dryRun: false, now: new Date(NOW.getTime() + 60_000) });
    expect(again.FindingsChanged).toBe(0);
  });

  it('leaves disabled rules out unless a dry-run asks for them', async () => {
    const store = await storeWithFindings(dynamo);
    const disabled = { ...RULES[0], RuleStatus: 'DISABLED' as const };
    expect((await runRules(store, [disabled], { dryRun: true, now: NOW })).FindingsChanged).toBe(0);
    expect((await runRules(store, [disabled], { dryRun: true, now: NOW, includeDisabled: true })).FindingsChanged).toBe(2);
  });
});
