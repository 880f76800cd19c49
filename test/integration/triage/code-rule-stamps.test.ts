import { ListAutomationRulesCommand } from '@aws-sdk/client-securityhub';
import { createApi } from '../../../lambdas/api/api';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { DynamoCodeRuleStamps, planStamps } from '../../../lambdas/triage/automation/code-rule-stamps';
import { parseRulesAsCode } from '../../../lambdas/triage/automation/rules-file';
import { DynamoAutomationRuleStore } from '../../../lambdas/triage/automation/rules-store';
import { serveApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

const rule = (Description: string, RuleName = 'Suppress sandbox noise') => ({
  RuleName,
  Description,
  RuleOrder: 10,
  Criteria: { AwsAccountId: [{ Value: '000011112222', Comparison: 'EQUALS' }] },
  Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Workflow: { Status: 'SUPPRESSED' } } }],
});
const file = (...rules: object[]) => parseRulesAsCode({ Rules: rules });
const day = (n: number) => new Date(Date.UTC(2026, 10, n));

describe('planStamps', () => {
  it('stamps a new rule now, keeps an unchanged one, and moves only UpdatedAt of a changed one', () => {
    const first = planStamps(file(rule('v1')), new Map(), day(1));
    const same = planStamps(file(rule('v1')), first.stamps, day(2));
    const changed = planStamps(file(rule('v2')), first.stamps, day(3));

    expect([...first.stamps.values()]).toEqual([expect.objectContaining({ createdAt: day(1).toISOString(), updatedAt: day(1).toISOString() })]);
    expect(same.writes).toEqual([]);
    expect([...changed.stamps.values()]).toEqual([expect.objectContaining({ createdAt: day(1).toISOString(), updatedAt: day(3).toISOString() })]);
    expect(changed.writes[0].replaces).toBe([...first.stamps.values()][0].hash);
  });
});

describe('rules-as-code through ListAutomationRules, stamped on dynalite', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  it('lists a rule with the time it first appeared and the time its content last changed', async () => {
    const tableName = await dynamo.newFindingsTable();
    const listAt = async (codeRules: ReturnType<typeof file>, now: Date) => {
      const findings = new FindingsStore({ client: dynamo.client, tableName });
      const repository = new DynamoAutomationRuleStore({ client: dynamo.client, tableName, capacity: 99 });
      const served = await serveApi(
        createApi({ findings, automationRules: { repository, codeRules, findings, codeRuleStamps: new DynamoCodeRuleStamps(dynamo.client, tableName), now: () => now } }),
      );
      try {
        return (await served.client.send(new ListAutomationRulesCommand({}))).AutomationRulesMetadata ?? [];
      } finally {
        await served.stop();
      }
    };

    const [deployed] = await listAt(file(rule('v1')), day(1));
    const [redeployed] = await listAt(file(rule('v1')), day(5));
    const [changed] = await listAt(file(rule('v2')), day(9));

    expect(deployed.RuleArn).toMatch(/^arn:aws:securityhub:us-east-1:000000000000:automation-rule\/[0-9a-f-]{36}$/);
    expect([deployed.CreatedAt, deployed.UpdatedAt]).toEqual([day(1), day(1)]);
    expect([redeployed.CreatedAt, redeployed.UpdatedAt]).toEqual([day(1), day(1)]);
    expect([changed.RuleArn, changed.CreatedAt, changed.UpdatedAt]).toEqual([deployed.RuleArn, day(1), day(9)]);
  });
});
