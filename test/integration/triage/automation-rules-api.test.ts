import {
  BatchDeleteAutomationRulesCommand,
  BatchGetAutomationRulesCommand,
  BatchImportFindingsCommand,
  BatchUpdateAutomationRulesCommand,
  CreateAutomationRuleCommand,
  GetFindingHistoryCommand,
  GetFindingsCommand,
  InvalidInputException,
  LimitExceededException,
  ListAutomationRulesCommand,
  type CreateAutomationRuleCommandInput,
} from '@aws-sdk/client-securityhub';
import { APPLIED_RULES_FIELD, RULES_AS_CODE_CREATOR } from '../../../lambdas/triage/automation/types';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';
import { CODE_RULES, harness, type Harness } from './automation-harness';

function ruleInput(overrides: Partial<CreateAutomationRuleCommandInput> = {}): CreateAutomationRuleCommandInput {
  return {
    RuleName: 'Suppress low findings',
    Description: 'LOW findings of the test generator are noise',
    RuleOrder: 10,
    Criteria: { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] },
    Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Workflow: { Status: 'SUPPRESSED' } } }],
    ...overrides,
  };
}

describe('automation rules through @aws-sdk/client-securityhub, on dynalite', () => {
  let dynamo: LocalDynamo;
  let h: Harness;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.stop();
  });
  beforeEach(async () => {
    h = await harness(dynamo);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('creates a rule and returns it with ARN, defaults, timestamps and creator', async () => {
    const { RuleArn } = await h.client.send(new CreateAutomationRuleCommand(ruleInput()));
    expect(RuleArn).toMatch(/^arn:aws:securityhub:us-east-1:000000000000:automation-rule\/[0-9a-f-]{36}$/);
    const { Rules, UnprocessedAutomationRules } = await h.client.send(new BatchGetAutomationRulesCommand({ AutomationRulesArns: [RuleArn!, `${RuleArn}-gone`] }));
    expect(Rules?.[0]).toMatchObject({ RuleArn, RuleStatus: 'ENABLED', IsTerminal: false, RuleOrder: 10, CreatedBy: 'arn:aws:iam::000000000000:user/tester' });
    expect(Rules?.[0].CreatedAt).toBeInstanceOf(Date);
    expect(UnprocessedAutomationRules).toEqual([{ RuleArn: `${RuleArn}-gone`, ErrorCode: 404, ErrorMessage: 'No automation rule has this ARN' }]);
  });

  it('answers an invalid rule with InvalidInputException naming the field', async () => {
    const bad = ruleInput({ RuleOrder: 1001 });
    await expect(h.client.send(new CreateAutomationRuleCommand(bad))).rejects.toThrow(InvalidInputException);
    await expect(h.client.send(new CreateAutomationRuleCommand(bad))).rejects.toThrow('RuleOrder: must be an integer from 1 to 1000');
    const twoActions = ruleInput({ Actions: [ruleInput().Actions![0], ruleInput().Actions![0]] });
    await expect(h.client.send(new CreateAutomationRuleCommand(twoActions))).rejects.toThrow('Actions: must hold exactly 1 action');
  });

  it('lists rules-as-code and stored rules in application order, page by page', async () => {
    const arns: string[] = [];
    for (const order of [30, 20, 10]) arns.push((await h.client.send(new CreateAutomationRuleCommand(ruleInput({ RuleOrder: order, RuleName: `r${order}` })))).RuleArn!);
    const first = await h.client.send(new ListAutomationRulesCommand({ MaxResults: 2 }));
    const second = await h.client.send(new ListAutomationRulesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    const listed = [...first.AutomationRulesMetadata!, ...second.AutomationRulesMetadata!];
    expect(listed.map((rule) => rule.RuleName)).toEqual(['r10', 'r20', 'r30', 'Mark code findings']);
    expect(listed[3].CreatedBy).toBe(RULES_AS_CODE_CREATOR);
    expect(second.NextToken).toBeUndefined();
  });

  it('updates only the members given, and reports unknown and rules-as-code ARNs as unprocessed', async () => {
    const { RuleArn } = await h.client.send(new CreateAutomationRuleCommand(ruleInput()));
    const codeArn = CODE_RULES[0].RuleArn;
    const result = await h.client.send(
      new BatchUpdateAutomationRulesCommand({
        UpdateAutomationRulesRequestItems: [
          { RuleArn, RuleStatus: 'DISABLED', IsTerminal: true },
          { RuleArn: codeArn, RuleStatus: 'DISABLED' },
          { RuleArn: `${RuleArn}x`, RuleOrder: 3 },
        ],
      }),
    );
    expect(result.ProcessedAutomationRules).toEqual([RuleArn]);
    expect(result.UnprocessedAutomationRules?.map((item) => [item.RuleArn, item.ErrorCode])).toEqual([
      [codeArn, 400],
      [`${RuleArn}x`, 404],
    ]);
    expect(result.UnprocessedAutomationRules?.[0].ErrorMessage).toContain('rules-as-code');
    const { Rules } = await h.client.send(new BatchGetAutomationRulesCommand({ AutomationRulesArns: [RuleArn!] }));
    expect(Rules?.[0]).toMatchObject({ RuleStatus: 'DISABLED', IsTerminal: true, RuleName: 'Suppress low findings', RuleOrder: 10 });
  });

  it('deletes stored rules and refuses to delete rules-as-code', async () => {
    const { RuleArn } = await h.client.send(new CreateAutomationRuleCommand(ruleInput()));
    const result = await h.client.send(new BatchDeleteAutomationRulesCommand({ AutomationRulesArns: [RuleArn!, CODE_RULES[0].RuleArn] }));
    expect(result.ProcessedAutomationRules).toEqual([RuleArn]);
    expect(result.UnprocessedAutomationRules?.[0]).toMatchObject({ RuleArn: CODE_RULES[0].RuleArn, ErrorCode: 400 });
    const { Rules } = await h.client.send(new BatchGetAutomationRulesCommand({ AutomationRulesArns: [RuleArn!] }));
    expect(Rules).toEqual([]);
  });

  it('answers an empty batch with InvalidInputException', async () => {
    await expect(h.client.send(new BatchDeleteAutomationRulesCommand({ AutomationRulesArns: [] }))).rejects.toThrow(InvalidInputException);
  });

  it('holds the 100-rule limit (rules-as-code included) under 110 concurrent creates', async () => {
    const results = await Promise.allSettled(Array.from({ length: 110 }, (_, index) => h.client.send(new CreateAutomationRuleCommand(ruleInput({ RuleName: `rule ${index}` })))));
    const created = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(created).toHaveLength(100 - CODE_RULES.length);
    expect(refused.every((result) => result.reason instanceof LimitExceededException)).toBe(true);
    const listed = await h.client.send(new ListAutomationRulesCommand({}));
    expect(listed.AutomationRulesMetadata).toHaveLength(100);
  });

  it('applies enabled rules at import, records them, keeps history, and skips disabled ones', async () => {
    const { RuleArn } = await h.client.send(new CreateAutomationRuleCommand(ruleInput()));
    await h.client.send(
      new CreateAutomationRuleCommand(
        ruleInput({ RuleName: 'disabled', RuleOrder: 1, RuleStatus: 'DISABLED', Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Confidence: 1 } }] }),
      ),
    );
    const low = aFinding({ Id: 'low', Severity: { Label: 'LOW' }, Title: 'from-code finding' });
    const high = aFinding({ Id: 'high' });
    await h.client.send(new BatchImportFindingsCommand({ Findings: [low, high] as never }));
    const { Findings } = await h.client.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'low', Comparison: 'EQUALS' }] } }));
    expect(Findings?.[0].Workflow?.Status).toBe('SUPPRESSED');
    expect(Findings?.[0].Confidence).toBeUndefined();
    expect(Findings?.[0].UserDefinedFields).toEqual({ marked: 'by-code' });
    expect(Findings?.[0].ProductFields?.[APPLIED_RULES_FIELD]).toBe(`${RuleArn} ${CODE_RULES[0].RuleArn}`);
    const other = await h.client.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'high', Comparison: 'EQUALS' }] } }));
    expect(other.Findings?.[0].Workflow?.Status).toBe('NEW');

    // An update by import is evaluated again; history shows the provider's change.
    await h.client.send(new BatchImportFindingsCommand({ Findings: [{ ...low, UpdatedAt: '2026-11-02T10:00:00.000Z', Description: 'changed' }] as never }));
    const { Records } = await h.client.send(new GetFindingHistoryCommand({ FindingIdentifier: identifierOf(low) }));
    expect(Records?.[0].Updates?.map((update) => update.UpdatedField)).toEqual(['Description', 'UpdatedAt']);
  });
});
