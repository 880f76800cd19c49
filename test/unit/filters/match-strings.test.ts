import fc from 'fast-check';
import { compileFilters, matchesFilters } from '../../../lambdas/filters/match';
import type { AwsSecurityFindingFilters, StringFilter, StringFilterComparison } from '../../../lambdas/filters/types';
import { finding, NOW } from './finding';

const match = (f: Record<string, unknown>, filters: AwsSecurityFindingFilters) => matchesFilters(f, filters, NOW);
const withTypes = (...types: string[]) => finding({ Resources: types.map((Type, i) => ({ Type, Id: `r${i}` })) });

describe('string filters', () => {
  it('EQUALS matches the exact value only', () => {
    expect(match(finding(), { AwsAccountId: [{ Value: '123456789012', Comparison: 'EQUALS' }] })).toBe(true);
    expect(match(finding(), { AwsAccountId: [{ Value: '12345678901', Comparison: 'EQUALS' }] })).toBe(false);
  });

  it('compares case-sensitively', () => {
    const f = finding({ ProductName: 'Security Hub' });
    expect(match(f, { ProductName: [{ Value: 'security hub', Comparison: 'EQUALS' }] })).toBe(false);
    expect(match(f, { ProductName: [{ Value: 'security', Comparison: 'PREFIX' }] })).toBe(false);
  });

  it('PREFIX matches values that start with the filter value', () => {
    const filters: AwsSecurityFindingFilters = { ResourceRegion: [{ Value: 'us', Comparison: 'PREFIX' }] };
    expect(match(finding(), filters)).toBe(true);
    expect(match(finding({ Resources: [{ Id: 'r', Region: 'ap-south-1' }] }), filters)).toBe(false);
  });

  it('NOT_EQUALS matches every other value', () => {
    const filters: AwsSecurityFindingFilters = { AwsAccountId: [{ Value: '123456789012', Comparison: 'NOT_EQUALS' }] };
    expect(match(finding(), filters)).toBe(false);
    expect(match(finding({ AwsAccountId: '210987654321' }), filters)).toBe(true);
  });

  it('PREFIX_NOT_EQUALS matches values that start otherwise', () => {
    const filters: AwsSecurityFindingFilters = { ResourceRegion: [{ Value: 'us', Comparison: 'PREFIX_NOT_EQUALS' }] };
    expect(match(finding(), filters)).toBe(false);
    expect(match(finding({ Resources: [{ Id: 'r', Region: 'eu-west-1' }] }), filters)).toBe(true);
  });

  it('CONTAINS matches values that include the filter value', () => {
    const filters: AwsSecurityFindingFilters = { Title: [{ Value: 'CloudFront', Comparison: 'CONTAINS' }] };
    expect(match(finding({ Title: 'A CloudFront distribution' }), filters)).toBe(true);
    expect(match(finding({ Title: 'A CloudWatch alarm' }), filters)).toBe(false);
  });

  it('NOT_CONTAINS matches values that exclude the filter value', () => {
    const filters: AwsSecurityFindingFilters = { Title: [{ Value: 'CloudFront', Comparison: 'NOT_CONTAINS' }] };
    expect(match(finding({ Title: 'A CloudFront distribution' }), filters)).toBe(false);
    expect(match(finding({ Title: 'A CloudWatch alarm' }), filters)).toBe(true);
  });

  it('ORs CONTAINS filters on one field (Title CONTAINS CloudFront OR Title CONTAINS CloudWatch)', () => {
    const filters: AwsSecurityFindingFilters = {
      Title: [
        { Value: 'CloudFront', Comparison: 'CONTAINS' },
        { Value: 'CloudWatch', Comparison: 'CONTAINS' },
      ],
    };
    expect(match(finding({ Title: 'CloudFront' }), filters)).toBe(true);
    expect(match(finding({ Title: 'CloudWatch' }), filters)).toBe(true);
    expect(match(finding({ Title: 'CloudFront and CloudWatch' }), filters)).toBe(true);
    expect(match(finding({ Title: 'CloudTrail' }), filters)).toBe(false);
  });

  it('ANDs NOT_CONTAINS filters on one field (Title NOT_CONTAINS CloudFront AND NOT_CONTAINS CloudWatch)', () => {
    const filters: AwsSecurityFindingFilters = {
      Title: [
        { Value: 'CloudFront', Comparison: 'NOT_CONTAINS' },
        { Value: 'CloudWatch', Comparison: 'NOT_CONTAINS' },
      ],
    };
    expect(match(finding({ Title: 'CloudTrail' }), filters)).toBe(true);
    expect(match(finding({ Title: 'CloudWatch' }), filters)).toBe(false);
    expect(match(finding({ Title: 'CloudFront' }), filters)).toBe(false);
  });

  it('ORs EQUALS and PREFIX filters on one field', () => {
    const filters: AwsSecurityFindingFilters = {
      SeverityLabel: [
        { Value: 'CRITICAL', Comparison: 'EQUALS' },
        { Value: 'HI', Comparison: 'PREFIX' },
      ],
    };
    expect(match(finding({ Severity: { Label: 'HIGH' } }), filters)).toBe(true);
    expect(match(finding({ Severity: { Label: 'CRITICAL' } }), filters)).toBe(true);
    expect(match(finding({ Severity: { Label: 'LOW' } }), filters)).toBe(false);
  });

  it('applies PREFIX filters first, then excludes NOT_EQUALS values (the documented ResourceType example)', () => {
    const filters: AwsSecurityFindingFilters = {
      ResourceType: [
        { Value: 'AwsIam', Comparison: 'PREFIX' },
        { Value: 'AwsEc2', Comparison: 'PREFIX' },
        { Value: 'AwsIamPolicy', Comparison: 'NOT_EQUALS' },
        { Value: 'AwsEc2NetworkInterface', Comparison: 'NOT_EQUALS' },
      ],
    };
    expect(match(withTypes('AwsIamRole'), filters)).toBe(true);
    expect(match(withTypes('AwsEc2Instance'), filters)).toBe(true);
    expect(match(withTypes('AwsIamPolicy'), filters)).toBe(false);
    expect(match(withTypes('AwsEc2NetworkInterface'), filters)).toBe(false);
    expect(match(withTypes('AwsS3Bucket'), filters)).toBe(false);
  });

  it('combines PREFIX with PREFIX_NOT_EQUALS', () => {
    const filters: AwsSecurityFindingFilters = {
      ResourceType: [
        { Value: 'AwsEc2', Comparison: 'PREFIX' },
        { Value: 'AwsEc2Network', Comparison: 'PREFIX_NOT_EQUALS' },
      ],
    };
    expect(match(withTypes('AwsEc2Instance'), filters)).toBe(true);
    expect(match(withTypes('AwsEc2NetworkAcl'), filters)).toBe(false);
  });

  it('ANDs attributes', () => {
    const filters: AwsSecurityFindingFilters = {
      SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }],
      AwsAccountId: [{ Value: '999999999999', Comparison: 'EQUALS' }],
    };
    expect(match(finding(), filters)).toBe(false);
    expect(match(finding({ AwsAccountId: '999999999999' }), filters)).toBe(true);
  });

  it('treats empty filters and empty attributes as no condition', () => {
    expect(match(finding(), {})).toBe(true);
    expect(match(finding(), { SeverityLabel: [] })).toBe(true);
  });

  it('never matches a missing value with a positive filter, always with a negative one', () => {
    const f = finding({ Workflow: undefined });
    expect(match(f, { WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }] })).toBe(false);
    expect(match(f, { WorkflowStatus: [{ Value: 'N', Comparison: 'PREFIX' }] })).toBe(false);
    expect(match(f, { WorkflowStatus: [{ Value: 'NEW', Comparison: 'NOT_EQUALS' }] })).toBe(true);
    expect(match(f, { WorkflowStatus: [{ Value: 'N', Comparison: 'PREFIX_NOT_EQUALS' }] })).toBe(true);
    expect(match(f, { WorkflowStatus: [{ Value: 'N', Comparison: 'NOT_CONTAINS' }] })).toBe(true);
  });

  it('ignores values that are not strings', () => {
    expect(match(finding({ Region: 5 }), { Region: [{ Value: '5', Comparison: 'EQUALS' }] })).toBe(false);
  });
});

describe('multi-valued string attributes', () => {
  const twoResources = finding({
    Resources: [
      { Id: 'arn:a', Type: 'AwsS3Bucket' },
      { Id: 'arn:b', Type: 'AwsIamRole' },
    ],
  });

  it('matches a positive filter when any value matches', () => {
    expect(match(twoResources, { ResourceId: [{ Value: 'arn:b', Comparison: 'EQUALS' }] })).toBe(true);
    expect(match(twoResources, { ResourceType: [{ Value: 'AwsIam', Comparison: 'PREFIX' }] })).toBe(true);
  });

  it('fails a negative filter when any value matches it', () => {
    expect(match(twoResources, { ResourceId: [{ Value: 'arn:b', Comparison: 'NOT_EQUALS' }] })).toBe(false);
    expect(match(twoResources, { ResourceId: [{ Value: 'arn:c', Comparison: 'NOT_EQUALS' }] })).toBe(true);
  });

  it('matches Type against every finding type', () => {
    const f = finding({ Types: ['Software and Configuration Checks/Vulnerabilities/CVE', 'Effects/Data Exposure'] });
    expect(match(f, { Type: [{ Value: 'Effects/', Comparison: 'PREFIX' }] })).toBe(true);
    expect(match(f, { Type: [{ Value: 'TTPs', Comparison: 'PREFIX' }] })).toBe(false);
  });

  it('matches the security control and its standards', () => {
    const f = finding({
      Compliance: {
        Status: 'FAILED',
        SecurityControlId: 'S3.1',
        AssociatedStandards: [{ StandardsId: 'standards/cis-aws-foundations-benchmark/v/1.4.0' }],
      },
    });
    const filters: AwsSecurityFindingFilters = {
      ComplianceSecurityControlId: [{ Value: 'S3.1', Comparison: 'EQUALS' }],
      ComplianceAssociatedStandardsId: [{ Value: 'standards/cis', Comparison: 'PREFIX' }],
      ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }],
    };
    expect(match(f, filters)).toBe(true);
  });
});

describe('string filter properties', () => {
  const value = fc.string({ maxLength: 6 });
  const single = (v: string) => finding({ Title: v });
  const alphabet = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 3 });

  it('NOT_EQUALS x is the negation of EQUALS x on a single-valued field', () => {
    fc.assert(
      fc.property(value, value, (actual, x) => {
        const equals = match(single(actual), { Title: [{ Value: x, Comparison: 'EQUALS' }] });
        const notEquals = match(single(actual), { Title: [{ Value: x, Comparison: 'NOT_EQUALS' }] });
        return notEquals === !equals;
      }),
    );
  });

  it('PREFIX p matches exactly the values that start with p, and PREFIX_NOT_EQUALS the others', () => {
    fc.assert(
      fc.property(value, value, (actual, p) => {
        const prefix = match(single(actual), { Title: [{ Value: p, Comparison: 'PREFIX' }] });
        const notPrefix = match(single(actual), { Title: [{ Value: p, Comparison: 'PREFIX_NOT_EQUALS' }] });
        return prefix === actual.startsWith(p) && notPrefix === !prefix;
      }),
    );
  });

  it('PREFIX "" matches every present value and no missing one', () => {
    const test = compileFilters({ Title: [{ Value: '', Comparison: 'PREFIX' }] }, NOW);
    fc.assert(fc.property(value, (actual) => test(single(actual))));
    expect(test(finding({ Title: undefined }))).toBe(false);
  });

  it('agrees with a brute-force oracle on any mix of comparisons over several values', () => {
    const comparison = fc.constantFrom<StringFilterComparison>('EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS');
    const filter = fc.record({ Value: alphabet, Comparison: comparison });
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 3 }), fc.array(filter, { minLength: 1, maxLength: 5 }), (types, filters) => {
        const hit = (f: StringFilter, v: string) => (f.Comparison?.startsWith('PREFIX') ? v.startsWith(f.Value!) : v === f.Value);
        const positive = filters.filter((f) => !f.Comparison?.includes('NOT'));
        const negative = filters.filter((f) => f.Comparison?.includes('NOT'));
        const expected = (positive.length === 0 || types.some((v) => positive.some((f) => hit(f, v)))) && !types.some((v) => negative.some((f) => hit(f, v)));
        return match(finding({ Types: types }), { Type: filters }) === expected;
      }),
    );
  });
});
