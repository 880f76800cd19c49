import { InvalidInputError } from '../../../lambdas/shared/errors';
import { applyRules, compileRules, inApplicationOrder } from '../../../lambdas/triage/automation/evaluate';
import { parseRulesAsCode, RULES_AS_CODE, rulesLocationFromEnv } from '../../../lambdas/triage/automation/rules-as-code';
import { cachedRules, invalidateRules, RULES_CACHE_MS } from '../../../lambdas/triage/automation/rules-cache';
import { APPLIED_RULES_FIELD, RULES_AS_CODE_CREATOR, type AutomationRule, type FindingFieldsUpdate } from '../../../lambdas/triage/automation/types';
import { validateRuleChanges, validateRuleDefinition } from '../../../lambdas/triage/automation/validate-rule';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { aFinding } from '../../support/findings';

const NOW = '2026-11-27T12:00:00.000Z';
let counter = 0;

function aRule(overrides: Partial<AutomationRule> & { update?: FindingFieldsUpdate } = {}): AutomationRule {
  const { update, ...rest } = overrides;
  counter += 1;
  return {
    RuleArn: `arn:aws:securityhub:us-east-1:000000000000:automation-rule/rule-${counter}`,
    RuleName: `rule ${counter}`,
    Description: 'test rule',
    RuleOrder: 1,
    RuleStatus: 'ENABLED',
    IsTerminal: false,
    Criteria: {},
    Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: update ?? { Workflow: { Status: 'NOTIFIED' } } }],
    CreatedAt: '2026-11-01T00:00:00.000Z',
    UpdatedAt: '2026-11-01T00:00:00.000Z',
    CreatedBy: 'tester',
    ...rest,
  };
}

function run(finding: AwsSecurityFinding, rules: AutomationRule[], customerOwned: never[] = []) {
  return applyRules({ finding, customerOwned }, compileRules(rules, new Date(NOW)), NOW);
}

const definition = (overrides: Record<string, unknown> = {}) => ({
  RuleName: 'r',
  Description: 'd',
  RuleOrder: 5,
  Criteria: { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] },
  Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Workflow: { Status: 'SUPPRESSED' } } }],
  ...overrides,
});

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

describe('automation rule order and terminal rules', () => {
  it('applies rules in RuleOrder, a later rule overwriting an earlier one', () => {
    const first = aRule({ RuleOrder: 1, update: { Severity: { Label: 'LOW' } } });
    const second = aRule({ RuleOrder: 2, update: { Severity: { Label: 'CRITICAL' } } });
    const result = run(aFinding(), [second, first]);
    expect(result.applied.map((rule) => rule.RuleArn)).toEqual([first.RuleArn, second.RuleArn]);
    expect(result.finding.Severity?.Label).toBe('CRITICAL');
  });

  it('breaks RuleOrder ties by the earlier UpdatedAt first', () => {
    const recent = aRule({ RuleOrder: 3, UpdatedAt: '2026-11-10T00:00:00.000Z' });
    const older = aRule({ RuleOrder: 3, UpdatedAt: '2026-11-02T00:00:00.000Z' });
    expect(inApplicationOrder([recent, older]).map((rule) => rule.RuleArn)).toEqual([older.RuleArn, recent.RuleArn]);
  });

  it('stops after a matching terminal rule', () => {
    const terminal = aRule({ RuleOrder: 1, IsTerminal: true, update: { Confidence: 10 } });
    const later = aRule({ RuleOrder: 2, update: { Confidence: 90 } });
    const result = run(aFinding(), [terminal, later]);
    expect(result.applied).toEqual([terminal]);
    expect(result.finding.Confidence).toBe(10);
  });

  it('goes on past a terminal rule that does not match', () => {
    const terminal = aRule({ RuleOrder: 1, IsTerminal: true, Criteria: { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] } });
    const later = aRule({ RuleOrder: 2 });
    expect(run(aFinding(), [terminal, later]).applied).toEqual([later]);
  });

  it('skips disabled rules', () => {
    const disabled = aRule({ RuleStatus: 'DISABLED', update: { Confidence: 5 } });
    const result = run(aFinding(), [disabled]);
    expect(result.applied).toEqual([]);
    expect(result.finding.Confidence).toBeUndefined();
  });

  it('evaluates every rule on the finding as it arrived, not as earlier rules left it', () => {
    const raise = aRule({ RuleOrder: 1, update: { Severity: { Label: 'CRITICAL' } } });
    const onCritical = aRule({ RuleOrder: 2, Criteria: { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] } });
    expect(run(aFinding(), [raise, onCritical]).applied).toEqual([raise]);
  });

  it('records the applied rules in ProductFields, in order', () => {
    const a = aRule({ RuleOrder: 1 });
    const b = aRule({ RuleOrder: 2, update: { Confidence: 1 } });
    expect(run(aFinding(), [a, b]).finding.ProductFields?.[APPLIED_RULES_FIELD]).toBe(`${a.RuleArn} ${b.RuleArn}`);
  });
});

describe('automation rule actions', () => {
  const finding = aFinding({ Severity: { Label: 'HIGH', Original: '7' } as never, UserDefinedFields: { keep: 'yes', drop: 'x' } });

  it('sets Severity.Label, keeps Original and makes Severity customer-owned', () => {
    const result = run(finding, [aRule({ update: { Severity: { Label: 'LOW' } } })]);
    expect(result.finding.Severity).toMatchObject({ Label: 'LOW', Normalized: 1, Original: '7' });
    expect(result.customerOwned).toContain('Severity');
  });

  it('sets Workflow.Status', () => {
    expect(run(finding, [aRule({ update: { Workflow: { Status: 'SUPPRESSED' } } })]).finding.Workflow?.Status).toBe('SUPPRESSED');
  });

  it('sets Note with the rule time, and keeps the time when the same note is applied again', () => {
    const rule = aRule({ update: { Note: { Text: 'seen', UpdatedBy: 'rule' } } });
    const once = run(finding, [rule]).finding;
    expect(once.Note).toEqual({ Text: 'seen', UpdatedBy: 'rule', UpdatedAt: NOW });
    const again = applyRules({ finding: { ...once, Note: { ...once.Note!, UpdatedAt: '2026-01-01T00:00:00.000Z' } }, customerOwned: [] }, compileRules([rule], new Date(NOW)), NOW);
    expect(again.finding.Note?.UpdatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('merges UserDefinedFields, an empty value removing a key', () => {
    const result = run(finding, [aRule({ update: { UserDefinedFields: { added: '1', drop: '' } } })]);
    expect(result.finding.UserDefinedFields).toEqual({ keep: 'yes', added: '1' });
  });

  it('sets VerificationState', () => {
    expect(run(finding, [aRule({ update: { VerificationState: 'FALSE_POSITIVE' } })]).finding.VerificationState).toBe('FALSE_POSITIVE');
  });

  it.each([
    ['Types', { Types: ['Effects/Data Exposure'] }, ['Effects/Data Exposure']],
    ['Confidence', { Confidence: 42 }, 42],
    ['Criticality', { Criticality: 77 }, 77],
    [
      'RelatedFindings',
      { RelatedFindings: [{ Id: 'other', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' }] },
      [{ Id: 'other', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' }],
    ],
  ] as const)('sets %s and makes it customer-owned', (field, update, expected) => {
    const result = run(finding, [aRule({ update: update as FindingFieldsUpdate })]);
    expect((result.finding as unknown as Record<string, unknown>)[field]).toEqual(expected);
    expect(result.customerOwned).toContain(field);
  });
});

describe('automation rule criteria', () => {
  const finding = aFinding({
    Title: 'S3 bucket allows public read',
    Criticality: 60,
    CreatedAt: '2026-11-20T00:00:00.000Z',
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::prod-logs', Tags: { environment: 'production-eu' } }],
  });
  const matches = (criteria: Record<string, unknown>) =>
    run(finding, [aRule({ Criteria: validateRuleDefinition(definition({ Criteria: criteria })).Criteria })]).applied.length === 1;

  it('matches CONTAINS and NOT_CONTAINS on strings', () => {
    expect(matches({ Title: [{ Value: 'public', Comparison: 'CONTAINS' }] })).toBe(true);
    expect(matches({ Title: [{ Value: 'public', Comparison: 'NOT_CONTAINS' }] })).toBe(false);
    expect(matches({ Title: [{ Value: 'private', Comparison: 'NOT_CONTAINS' }] })).toBe(true);
  });

  it('matches CONTAINS on map values', () => {
    expect(matches({ ResourceTags: [{ Key: 'environment', Value: 'production', Comparison: 'CONTAINS' }] })).toBe(true);
    expect(matches({ ResourceTags: [{ Key: 'environment', Value: 'production', Comparison: 'EQUALS' }] })).toBe(false);
  });

  it('matches PREFIX and PREFIX_NOT_EQUALS', () => {
    expect(matches({ ResourceId: [{ Value: 'arn:aws:s3:::prod-', Comparison: 'PREFIX' }] })).toBe(true);
    expect(matches({ ResourceId: [{ Value: 'arn:aws:s3:::prod-', Comparison: 'PREFIX_NOT_EQUALS' }] })).toBe(false);
  });

  it('matches number ranges', () => {
    expect(matches({ Criticality: [{ Gte: 50, Lte: 70 }] })).toBe(true);
    expect(matches({ Criticality: [{ Gt: 60 }] })).toBe(false);
  });

  it('matches date ranges, absolute and relative to the evaluation time', () => {
    expect(matches({ CreatedAt: [{ Start: '2026-11-19T00:00:00Z', End: '2026-11-21T00:00:00Z' }] })).toBe(true);
    expect(matches({ CreatedAt: [{ DateRange: { Value: 10, Unit: 'DAYS' } }] })).toBe(true);
    expect(matches({ CreatedAt: [{ DateRange: { Value: 5, Unit: 'DAYS' } }] })).toBe(false);
  });
});

describe('automation rule validation', () => {
  it('fills the defaults: ENABLED, not terminal', () => {
    expect(validateRuleDefinition(definition())).toMatchObject({ RuleStatus: 'ENABLED', IsTerminal: false });
  });

  it.each([
    [{ RuleOrder: 0 }, 'RuleOrder: must be an integer from 1 to 1000'],
    [{ RuleOrder: 1001 }, 'RuleOrder: must be an integer from 1 to 1000'],
    [{ RuleName: '  ' }, 'RuleName: must be a string with a non-whitespace character'],
    [{ RuleStatus: 'ON' }, 'RuleStatus: must be one of ENABLED, DISABLED'],
    [{ Description: undefined }, 'Description: is required'],
    [{ Actions: [] }, 'Actions: must hold exactly 1 action'],
    [{ Actions: [{ Type: 'FINDING_FIELDS_UPDATE' }, { Type: 'FINDING_FIELDS_UPDATE' }] }, 'Actions: must hold exactly 1 action'],
    [{ Actions: [{ Type: 'OTHER', FindingFieldsUpdate: {} }] }, 'Actions[0].Type: must be FINDING_FIELDS_UPDATE'],
    [{ Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: {} }] }, 'Actions[0].FindingFieldsUpdate: names no field to update'],
    [{ Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Severity: { Label: 'HUGE' } } }] }, 'Actions[0].FindingFieldsUpdate.Severity.Label: must be one of'],
    [{ Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Confidence: 101 } }] }, 'Actions[0].FindingFieldsUpdate.Confidence: must be an integer from 0 to 100'],
    [{ Criteria: { Keyword: [{ Value: 'x' }] } }, 'Criteria.Keyword: is not a criteria field of automation rules'],
    [
      {
        Criteria: {
          Title: [
            { Value: 'a', Comparison: 'CONTAINS' },
            { Value: 'b', Comparison: 'EQUALS' },
          ],
        },
      },
      'Criteria.Title[1].Comparison EQUALS is invalid here',
    ],
    [{ Criteria: { Title: Array.from({ length: 21 }, (_, i) => ({ Value: `t${i}`, Comparison: 'EQUALS' })) } }, 'Criteria.Title has 21 values; at most 20 are allowed'],
    [{ Surprise: 1 }, 'Surprise: is not a member of an automation rule'],
  ])('rejects case %# with the field path', (overrides, expected) => {
    expect(message(() => validateRuleDefinition(definition(overrides)))).toContain(expected);
  });

  it('checks an update item with the item path', () => {
    expect(message(() => validateRuleChanges({ RuleArn: 'arn', RuleOrder: 2000 }, 'UpdateAutomationRulesRequestItems[3]'))).toBe(
      'UpdateAutomationRulesRequestItems[3].RuleOrder: must be an integer from 1 to 1000',
    );
    expect(validateRuleChanges({ RuleArn: 'arn', IsTerminal: true }, 'Items[0]')).toEqual({ RuleArn: 'arn', changes: { IsTerminal: true } });
  });
});

describe('rules as code', () => {
  it("loads the shipped file: valid, marked, with ARNs in the hub's account and Region", () => {
    expect(RULES_AS_CODE.length).toBeGreaterThan(0);
    for (const rule of RULES_AS_CODE) {
      expect(rule.CreatedBy).toBe(RULES_AS_CODE_CREATOR);
      expect(rule.RuleArn).toMatch(/^arn:aws:securityhub:us-east-1:000000000000:automation-rule\/[0-9a-f-]{36}$/);
    }
  });

  it('names the account of SECHUB_ACCOUNT_ID and the Region of AWS_REGION in the ARNs', () => {
    const location = rulesLocationFromEnv({ AWS_REGION: 'cn-north-1', SECHUB_ACCOUNT_ID: '123456789012' });
    const [rule] = parseRulesAsCode({ Rules: [definition()] }, location);
    expect(rule.RuleArn).toMatch(/^arn:aws-cn:securityhub:cn-north-1:123456789012:automation-rule\/[0-9a-f-]{36}$/);
  });

  it('derives the same ARN from the same name', () => {
    const document = { Rules: [definition()] };
    expect(parseRulesAsCode(document)[0].RuleArn).toBe(parseRulesAsCode(structuredClone(document))[0].RuleArn);
  });

  it('names the failing rule of the file', () => {
    expect(message(() => parseRulesAsCode({ Rules: [definition(), definition({ RuleName: 'x', RuleOrder: -1 })] }))).toBe('Rules[1].RuleOrder: must be an integer from 1 to 1000');
    expect(message(() => parseRulesAsCode({ Rules: [definition(), definition()] }))).toContain('Rules[1].RuleName: "r" is used by an earlier rule');
  });
});

describe('the import stage cache of rules', () => {
  const table = 'cache-test-table';
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, seconds));

  it('reuses loaded rules for 30 s, reads again after, and at once after a write invalidates them', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      return [aRule()];
    };
    invalidateRules(table);
    await cachedRules(table, at(0), RULES_CACHE_MS, load);
    await cachedRules(table, at(29), RULES_CACHE_MS, load);
    expect(loads).toBe(1);
    await cachedRules(table, at(31), RULES_CACHE_MS, load);
    expect(loads).toBe(2);
    invalidateRules(table);
    await cachedRules(table, at(32), RULES_CACHE_MS, load);
    expect(loads).toBe(3);
  });

  it('reads for every batch when the cache is off (0 ms)', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      return [];
    };
    await cachedRules(`${table}-off`, at(0), 0, load);
    await cachedRules(`${table}-off`, at(0), 0, load);
    expect(loads).toBe(2);
  });
});
