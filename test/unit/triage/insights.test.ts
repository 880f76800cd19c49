import { InvalidInputError } from '../../../lambdas/shared/errors';
import { validateFilters } from '../../../lambdas/filters/validate';
import { GROUP_BY_ATTRIBUTES, groupCounts, validateGroupByAttribute } from '../../../lambdas/triage/insights/group-by';
import { MAX_INSIGHT_NAME_LENGTH, customInsightArn, managedInsightArn, parseInsightArn, validateInsightDefinition } from '../../../lambdas/triage/insights/insight';
import { MANAGED_INSIGHTS, findManagedInsight } from '../../../lambdas/triage/insights/managed-insights';
import { aFinding } from '../../support/findings';

const HERE = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws' };
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('insight ARNs', () => {
  it('builds a custom insight ARN in the account and Region, and reads its id back', () => {
    const arn = customInsightArn(HERE, ID);
    expect(arn).toBe(`arn:aws:securityhub:eu-west-1:111122223333:insight/111122223333/custom/${ID}`);
    expect(parseInsightArn(arn, HERE)).toEqual({ kind: 'custom', id: ID });
  });

  it("reads Security Hub's managed insight ARNs, which name no Region or account", () => {
    expect(parseInsightArn('arn:aws:securityhub:::insight/securityhub/default/10', HERE)).toEqual({ kind: 'managed', owner: 'securityhub', number: 10 });
  });

  it.each([
    ['another account', `arn:aws:securityhub:eu-west-1:444455556666:insight/444455556666/custom/${ID}`],
    ['another Region', `arn:aws:securityhub:us-east-1:111122223333:insight/111122223333/custom/${ID}`],
    ['another partition', 'arn:aws-cn:securityhub:::insight/securityhub/default/1'],
    ['an id that is no UUID', 'arn:aws:securityhub:eu-west-1:111122223333:insight/111122223333/custom/x'],
  ])('names no insight of this location for %s', (_case, arn) => {
    expect(parseInsightArn(arn, HERE)).toBeUndefined();
  });
});

describe('managed insights registry', () => {
  it("holds at least the 32 insights of Security Hub's list, each number once per owner", () => {
    const keys = MANAGED_INSIGHTS.map((insight) => `${insight.owner}/${insight.number}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(MANAGED_INSIGHTS.filter((insight) => insight.owner === 'securityhub')).toHaveLength(32);
  });

  it.each(MANAGED_INSIGHTS.map((insight) => [`${insight.owner}/${insight.number}`, insight] as const))(
    '%s has filters the filter engine accepts and a group-by insights allow',
    (_key, insight) => {
      expect(() => validateFilters(insight.filters)).not.toThrow();
      expect(validateGroupByAttribute(insight.groupBy)).toBe(insight.groupBy);
    },
  );

  it("keeps Security Hub's ARN numbers (the S3 public-permissions insight is 10)", () => {
    expect(findManagedInsight('securityhub', 10)?.name).toBe('S3 buckets with public write or read permissions');
    expect(managedInsightArn('aws', 'securityhub', 10)).toBe('arn:aws:securityhub:::insight/securityhub/default/10');
  });
});

describe('group-by attributes', () => {
  it('are the string attributes of the filters', () => {
    expect(GROUP_BY_ATTRIBUTES).toEqual(
      expect.arrayContaining(['AwsAccountId', 'ResourceId', 'ResourceType', 'SeverityLabel', 'ProductArn', 'Type', 'ComplianceStatus', 'WorkflowStatus']),
    );
    expect(GROUP_BY_ATTRIBUTES).not.toContain('ResourceTags');
    expect(GROUP_BY_ATTRIBUTES).not.toContain('CreatedAt');
  });

  it.each(['ResourceTags', 'Confidence', 'Keyword', 'NoSuchAttribute'])('refuses %s, naming the member', (attribute) => {
    const act = () => validateGroupByAttribute(attribute);
    expect(act).toThrow(InvalidInputError);
    expect(act).toThrow(`Invalid parameter 'GroupByAttribute': '${attribute}' is not an attribute insights can group by`);
  });
});

describe('groupCounts', () => {
  it('counts a finding once under each distinct value it has, and not at all without one', () => {
    const findings = [
      aFinding({
        Id: 'a',
        Resources: [
          { Type: 'AwsS3Bucket', Id: 'b1' },
          { Type: 'AwsIamAccessKey', Id: 'k1' },
        ],
      }),
      aFinding({
        Id: 'b',
        Resources: [
          { Type: 'AwsS3Bucket', Id: 'b1' },
          { Type: 'AwsS3Bucket', Id: 'b1' },
        ],
      }),
      aFinding({ Id: 'c', Resources: [] as never }),
    ];
    expect(groupCounts(findings, 'ResourceId')).toEqual([
      { GroupByAttributeValue: 'b1', Count: 2 },
      { GroupByAttributeValue: 'k1', Count: 1 },
    ]);
  });

  it('sorts by count, highest first, ties by value, and keeps the top 100', () => {
    const findings = Array.from({ length: 150 }, (_, index) => aFinding({ Id: `f${index}`, AwsAccountId: `acct-${String(index % 120).padStart(3, '0')}` }));
    const results = groupCounts(findings, 'AwsAccountId');
    expect(results).toHaveLength(100);
    expect(results.slice(0, 30).every((value) => value.Count === 2)).toBe(true);
    expect(results[30]).toEqual({ GroupByAttributeValue: 'acct-030', Count: 1 });
    expect(results[0].GroupByAttributeValue).toBe('acct-000');
  });
});

describe('insight definitions', () => {
  const valid = { Name: 'Critical by account', Filters: { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] }, GroupByAttribute: 'AwsAccountId' };

  it('accepts a name, filters the filter engine accepts and a group-by attribute', () => {
    expect(validateInsightDefinition(valid)).toEqual(valid);
  });

  it.each([
    ['a blank name', { ...valid, Name: '   ' }, "Invalid parameter 'Name'"],
    ['a name too long', { ...valid, Name: 'x'.repeat(MAX_INSIGHT_NAME_LENGTH + 1) }, "Invalid parameter 'Name': has 129 characters"],
    ['an unknown filter attribute', { ...valid, Filters: { Nope: [] } }, 'Filters.Nope is not a filter attribute'],
    ['CONTAINS, which only automation rules accept', { ...valid, Filters: { Title: [{ Value: 'x', Comparison: 'CONTAINS' }] } }, 'Filters.Title[0]'],
    ['more than 20 values', { ...valid, Filters: { Id: Array.from({ length: 21 }, () => ({ Value: 'x', Comparison: 'EQUALS' })) } }, 'at most 20'],
  ])('refuses %s', (_case, definition, message) => {
    expect(() => validateInsightDefinition(definition)).toThrow(message);
  });
});
