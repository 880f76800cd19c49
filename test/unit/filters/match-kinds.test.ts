import { matchesFilters } from '../../../lambdas/filters/match';
import type { AwsSecurityFindingFilters } from '../../../lambdas/filters/types';
import { finding, NOW } from './finding';

const match = (f: Record<string, unknown>, filters: AwsSecurityFindingFilters) => matchesFilters(f, filters, NOW);

describe('number filters', () => {
  const at = (Confidence: unknown) => finding({ Confidence });

  it('applies each bound: Gte, Lte, Gt, Lt, Eq', () => {
    expect(match(at(50), { Confidence: [{ Gte: 50 }] })).toBe(true);
    expect(match(at(50), { Confidence: [{ Gt: 50 }] })).toBe(false);
    expect(match(at(50), { Confidence: [{ Lte: 50 }] })).toBe(true);
    expect(match(at(50), { Confidence: [{ Lt: 50 }] })).toBe(false);
    expect(match(at(50), { Confidence: [{ Eq: 50 }] })).toBe(true);
    expect(match(at(50), { Confidence: [{ Eq: 51 }] })).toBe(false);
  });

  it('requires every bound of one entry', () => {
    expect(match(at(50), { Confidence: [{ Gte: 40, Lte: 60 }] })).toBe(true);
    expect(match(at(70), { Confidence: [{ Gte: 40, Lte: 60 }] })).toBe(false);
  });

  it('ORs entries of one attribute', () => {
    const filters: AwsSecurityFindingFilters = { Criticality: [{ Lt: 10 }, { Gt: 90 }] };
    expect(match(finding({ Criticality: 5 }), filters)).toBe(true);
    expect(match(finding({ Criticality: 95 }), filters)).toBe(true);
    expect(match(finding({ Criticality: 50 }), filters)).toBe(false);
  });

  it('never matches a missing or non-numeric value', () => {
    expect(match(at(undefined), { Confidence: [{ Gte: 0 }] })).toBe(false);
    expect(match(at('50'), { Confidence: [{ Gte: 0 }] })).toBe(false);
  });

  it('reads nested numbers such as Severity.Normalized and Network.DestinationPort', () => {
    expect(match(finding(), { SeverityNormalized: [{ Gte: 70, Lt: 90 }] })).toBe(true);
    expect(match(finding({ Network: { DestinationPort: 443 } }), { NetworkDestinationPort: [{ Eq: 443 }] })).toBe(true);
  });
});

describe('date filters', () => {
  const updated = (UpdatedAt: unknown) => finding({ UpdatedAt });

  it('includes Start and End themselves', () => {
    const filters: AwsSecurityFindingFilters = { UpdatedAt: [{ Start: '2024-06-10T00:00:00Z', End: '2024-06-11T00:00:00Z' }] };
    expect(match(updated('2024-06-10T00:00:00Z'), filters)).toBe(true);
    expect(match(updated('2024-06-11T00:00:00Z'), filters)).toBe(true);
    expect(match(updated('2024-06-11T00:00:00.000000001Z'), filters)).toBe(false);
    expect(match(updated('2024-06-09T23:59:59.999999999Z'), filters)).toBe(false);
  });

  it('accepts Start alone and End alone', () => {
    expect(match(updated('2030-01-01T00:00:00Z'), { UpdatedAt: [{ Start: '2024-01-01T00:00:00Z' }] })).toBe(true);
    expect(match(updated('2000-01-01T00:00:00Z'), { UpdatedAt: [{ Start: '2024-01-01T00:00:00Z' }] })).toBe(false);
    expect(match(updated('2000-01-01T00:00:00Z'), { UpdatedAt: [{ End: '2024-01-01T00:00:00Z' }] })).toBe(true);
  });

  it('compares instants whatever the offset', () => {
    // 2024-06-10T02:00:00+02:00 is 2024-06-10T00:00:00Z
    const filters: AwsSecurityFindingFilters = { UpdatedAt: [{ Start: '2024-06-10T00:00:00Z', End: '2024-06-10T00:00:00Z' }] };
    expect(match(updated('2024-06-10T02:00:00+02:00'), filters)).toBe(true);
    expect(match(updated('2024-06-09T19:00:00-0500'), filters)).toBe(true);
    expect(match(updated('2024-06-10T00:00:00+01'), filters)).toBe(false);
  });

  it('compares nanoseconds', () => {
    const filters: AwsSecurityFindingFilters = { UpdatedAt: [{ Start: '2024-06-10T00:00:00.123456789Z' }] };
    expect(match(updated('2024-06-10T00:00:00.123456789Z'), filters)).toBe(true);
    expect(match(updated('2024-06-10T00:00:00.123456788Z'), filters)).toBe(false);
    expect(match(updated('2024-06-10T00:00:00.1234568Z'), filters)).toBe(true);
  });

  it('DateRange WITHIN matches the last n days before now', () => {
    const filters: AwsSecurityFindingFilters = { UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] };
    expect(match(updated('2024-06-08T12:00:00Z'), filters)).toBe(true); // exactly 7 days before NOW
    expect(match(updated('2024-06-08T11:59:59Z'), filters)).toBe(false);
    expect(match(updated('2024-06-15T11:00:00Z'), filters)).toBe(true);
  });

  it('DateRange OLDER_THAN matches dates before the last n days', () => {
    const filters: AwsSecurityFindingFilters = { UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] };
    expect(match(updated('2024-06-08T11:59:59Z'), filters)).toBe(true);
    expect(match(updated('2024-06-08T12:00:00Z'), filters)).toBe(false);
  });

  it('ORs entries of one attribute', () => {
    const filters: AwsSecurityFindingFilters = {
      CreatedAt: [{ End: '2020-01-01T00:00:00Z' }, { Start: '2024-06-01T00:00:00Z' }],
    };
    expect(match(finding({ CreatedAt: '2019-01-01T00:00:00Z' }), filters)).toBe(true);
    expect(match(finding({ CreatedAt: '2024-06-02T00:00:00Z' }), filters)).toBe(true);
    expect(match(finding({ CreatedAt: '2022-01-01T00:00:00Z' }), filters)).toBe(false);
  });

  it('never matches a missing or unparsable date', () => {
    expect(match(updated(undefined), { UpdatedAt: [{ End: '2030-01-01T00:00:00Z' }] })).toBe(false);
    expect(match(updated('yesterday'), { UpdatedAt: [{ End: '2030-01-01T00:00:00Z' }] })).toBe(false);
  });

  it('matches any value of a multi-valued date', () => {
    const f = finding({ ThreatIntelIndicators: [{ LastObservedAt: '2020-01-01T00:00:00Z' }, { LastObservedAt: '2024-06-14T00:00:00Z' }] });
    expect(match(f, { ThreatIntelIndicatorLastObservedAt: [{ DateRange: { Value: 2, Unit: 'DAYS' } }] })).toBe(true);
  });
});

describe('map filters', () => {
  const tagged = (...tags: Record<string, string>[]) => finding({ Resources: tags.map((Tags, i) => ({ Id: `r${i}`, Tags })) });

  it('EQUALS matches the value of the key', () => {
    const filters: AwsSecurityFindingFilters = { ResourceTags: [{ Key: 'Department', Value: 'Security', Comparison: 'EQUALS' }] };
    expect(match(tagged({ Department: 'Security' }), filters)).toBe(true);
    expect(match(tagged({ Department: 'security' }), filters)).toBe(false);
    expect(match(tagged({ Team: 'Security' }), filters)).toBe(false);
  });

  it('NOT_EQUALS matches another value or a missing key', () => {
    const filters: AwsSecurityFindingFilters = { ResourceTags: [{ Key: 'Department', Value: 'Finance', Comparison: 'NOT_EQUALS' }] };
    expect(match(tagged({ Department: 'Security' }), filters)).toBe(true);
    expect(match(tagged({ Team: 'x' }), filters)).toBe(true);
    expect(match(finding({ Resources: [{ Id: 'r' }] }), filters)).toBe(true);
    expect(match(tagged({ Department: 'Finance' }), filters)).toBe(false);
  });

  it('CONTAINS matches values that include the filter value (Department CONTAINS Security)', () => {
    const filters: AwsSecurityFindingFilters = { ResourceTags: [{ Key: 'Department', Value: 'Security', Comparison: 'CONTAINS' }] };
    expect(match(tagged({ Department: 'Security team' }), filters)).toBe(true);
    expect(match(tagged({ Department: 'Finance' }), filters)).toBe(false);
  });

  it('ORs positive and ANDs negative map filters', () => {
    const either: AwsSecurityFindingFilters = {
      ResourceTags: [
        { Key: 'Department', Value: 'Security', Comparison: 'CONTAINS' },
        { Key: 'Department', Value: 'Finance', Comparison: 'CONTAINS' },
      ],
    };
    const neither: AwsSecurityFindingFilters = {
      ResourceTags: [
        { Key: 'Department', Value: 'Security', Comparison: 'NOT_CONTAINS' },
        { Key: 'Department', Value: 'Finance', Comparison: 'NOT_CONTAINS' },
      ],
    };
    expect(match(tagged({ Department: 'Finance' }), either)).toBe(true);
    expect(match(tagged({ Department: 'Legal' }), either)).toBe(false);
    expect(match(tagged({ Department: 'Legal' }), neither)).toBe(true);
    expect(match(tagged({ Department: 'Finance' }), neither)).toBe(false);
  });

  it('looks at the maps of every resource', () => {
    const f = tagged({ Env: 'dev' }, { Env: 'prod' });
    expect(match(f, { ResourceTags: [{ Key: 'Env', Value: 'prod', Comparison: 'EQUALS' }] })).toBe(true);
    expect(match(f, { ResourceTags: [{ Key: 'Env', Value: 'prod', Comparison: 'NOT_EQUALS' }] })).toBe(false);
  });

  it('reads product fields, user-defined fields and Details.Other', () => {
    const f = finding({
      ProductFields: { 'aws/securityhub/ProductName': 'Security Hub' },
      UserDefinedFields: { owner: 'alice' },
      Resources: [{ Id: 'r', Details: { Other: { kind: 'custom' } } }],
    });
    expect(match(f, { ProductFields: [{ Key: 'aws/securityhub/ProductName', Value: 'Security Hub', Comparison: 'EQUALS' }] })).toBe(true);
    expect(match(f, { UserDefinedFields: [{ Key: 'owner', Value: 'alice', Comparison: 'EQUALS' }] })).toBe(true);
    expect(match(f, { ResourceDetailsOther: [{ Key: 'kind', Value: 'custom', Comparison: 'EQUALS' }] })).toBe(true);
  });

  it('does not read inherited keys of a map', () => {
    expect(match(tagged({}), { ResourceTags: [{ Key: 'constructor', Value: 'x', Comparison: 'NOT_EQUALS' }] })).toBe(true);
    expect(match(tagged({}), { ResourceTags: [{ Key: 'toString', Value: 'x', Comparison: 'EQUALS' }] })).toBe(false);
  });
});

describe('IP filters', () => {
  it('matches IPv4 addresses inside the CIDR', () => {
    const filters: AwsSecurityFindingFilters = { NetworkSourceIpV4: [{ Cidr: '10.0.0.0/8' }] };
    expect(match(finding({ Network: { SourceIpV4: '10.1.2.3' } }), filters)).toBe(true);
    expect(match(finding({ Network: { SourceIpV4: '11.0.0.1' } }), filters)).toBe(false);
  });

  it('handles prefixes that are not byte-aligned', () => {
    const filters: AwsSecurityFindingFilters = { NetworkDestinationIpV4: [{ Cidr: '192.168.4.0/22' }] };
    expect(match(finding({ Network: { DestinationIpV4: '192.168.7.255' } }), filters)).toBe(true);
    expect(match(finding({ Network: { DestinationIpV4: '192.168.8.0' } }), filters)).toBe(false);
  });

  it('treats a bare address as a single host', () => {
    const filters: AwsSecurityFindingFilters = { NetworkSourceIpV4: [{ Cidr: '203.0.113.7' }] };
    expect(match(finding({ Network: { SourceIpV4: '203.0.113.7' } }), filters)).toBe(true);
    expect(match(finding({ Network: { SourceIpV4: '203.0.113.8' } }), filters)).toBe(false);
  });

  it('matches IPv6 addresses, compressed or not', () => {
    const filters: AwsSecurityFindingFilters = { NetworkSourceIpV6: [{ Cidr: '2001:db8::/32' }] };
    expect(match(finding({ Network: { SourceIpV6: '2001:db8:0:0:0:0:0:1' } }), filters)).toBe(true);
    expect(match(finding({ Network: { SourceIpV6: '2001:DB8::ff00:42:8329' } }), filters)).toBe(true);
    expect(match(finding({ Network: { SourceIpV6: '2001:db9::1' } }), filters)).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 address against an IPv6 block', () => {
    const filters: AwsSecurityFindingFilters = { NetworkSourceIpV6: [{ Cidr: '::ffff:0:0/96' }] };
    expect(match(finding({ Network: { SourceIpV6: '::ffff:10.0.0.1' } }), filters)).toBe(true);
  });

  it('never matches across address families or an unparsable address', () => {
    expect(match(finding({ Network: { SourceIpV4: '10.0.0.1' } }), { NetworkSourceIpV4: [{ Cidr: '::/0' }] })).toBe(false);
    expect(match(finding({ Network: { SourceIpV4: 'not-an-ip' } }), { NetworkSourceIpV4: [{ Cidr: '0.0.0.0/0' }] })).toBe(false);
  });

  it('ORs entries and matches any address of a list', () => {
    const f = finding({ Resources: [{ Id: 'i', Details: { AwsEc2Instance: { IpV4Addresses: ['172.16.0.5', '54.1.2.3'] } } }] });
    const filters: AwsSecurityFindingFilters = { ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '10.0.0.0/8' }, { Cidr: '54.0.0.0/8' }] };
    expect(match(f, filters)).toBe(true);
  });
});

describe('boolean and keyword filters', () => {
  it('matches Sample by value, reading an absent Sample as false', () => {
    expect(match(finding({ Sample: true }), { Sample: [{ Value: true }] })).toBe(true);
    expect(match(finding({ Sample: true }), { Sample: [{ Value: false }] })).toBe(false);
    expect(match(finding(), { Sample: [{ Value: false }] })).toBe(true);
    expect(match(finding(), { Sample: [{ Value: true }] })).toBe(false);
  });

  it('matches a keyword equal to any string of the finding', () => {
    expect(match(finding(), { Keyword: [{ Value: 'arn:aws:s3:::bucket-1' }] })).toBe(true);
    expect(match(finding(), { Keyword: [{ Value: 'bucket-1' }] })).toBe(false);
  });
});
