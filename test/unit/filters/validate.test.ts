import { InvalidInputError } from '../../../lambdas/shared/errors';
import { validateFilters } from '../../../lambdas/filters/validate';

const invalid = (filters: unknown, message: string | RegExp, options = {}) => {
  const run = () => validateFilters(filters, options);
  expect(run).toThrow(InvalidInputError);
  expect(run).toThrow(message);
};
const s = (Comparison: string, Value = 'x') => ({ Comparison, Value });
const STRING_KEYS = ['AwsAccountId', 'Id', 'GeneratorId', 'Region', 'Type', 'Title', 'Description', 'SourceUrl'];
const attributes = (n: number) => Object.fromEntries([...STRING_KEYS, 'ProductName', 'CompanyName', 'SeverityLabel'].slice(0, n).map((key) => [key, [s('EQUALS')]]));

describe('validateFilters: shape', () => {
  it('accepts absent filters as no condition', () => {
    expect(validateFilters(undefined)).toEqual({});
    expect(validateFilters(null)).toEqual({});
  });

  it('rejects filters that are not an object', () => {
    invalid([], 'Filters must be an object');
    invalid('x', 'Filters must be an object');
  });

  it('rejects an unknown attribute, naming it', () => {
    invalid({ Severity: [s('EQUALS')] }, 'Filters.Severity is not a filter attribute');
  });

  it('rejects an attribute that is not a list', () => {
    invalid({ SeverityLabel: s('EQUALS') }, 'Filters.SeverityLabel must be a list');
  });

  it('rejects an entry that is not an object, naming its index', () => {
    invalid({ SeverityLabel: [s('EQUALS'), 'HIGH'] }, 'Filters.SeverityLabel[1] must be an object');
  });

  it('drops empty and null attributes and unknown members of an entry', () => {
    const filters = { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS', Extra: 1 }], Title: [], Region: null };
    expect(validateFilters(filters)).toEqual({ SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] });
  });

  it('prefixes messages with the given path', () => {
    invalid({ SeverityLabel: [{ Value: 'HIGH' }] }, 'Criteria.SeverityLabel[0].Comparison is required', { path: 'Criteria' });
  });
});

describe('validateFilters: string filters', () => {
  it('requires Value and Comparison', () => {
    invalid({ SeverityLabel: [{ Comparison: 'EQUALS' }] }, 'Filters.SeverityLabel[0].Value is required');
    invalid({ SeverityLabel: [s('EQUALS'), { Value: 'HIGH' }] }, 'Filters.SeverityLabel[1].Comparison is required');
  });

  it('requires a string Value with a non-whitespace character', () => {
    invalid({ SeverityLabel: [{ Value: 3, Comparison: 'EQUALS' }] }, 'Filters.SeverityLabel[0].Value must be a string');
    invalid({ SeverityLabel: [{ Value: '  ', Comparison: 'EQUALS' }] }, 'Filters.SeverityLabel[0].Value must contain a non-whitespace');
  });

  it('rejects an unknown comparison', () => {
    const expected = 'Filters.SeverityLabel[0].Comparison must be one of EQUALS, PREFIX, NOT_EQUALS, PREFIX_NOT_EQUALS';
    invalid({ SeverityLabel: [s('LIKE')] }, expected);
    invalid({ SeverityLabel: [s('CONTAINS_WORD')] }, 'Filters.SeverityLabel[0].Comparison must be one of');
  });

  it('rejects CONTAINS and NOT_CONTAINS outside automation rules', () => {
    invalid({ Title: [s('CONTAINS')] }, 'Filters.Title[0].Comparison CONTAINS is allowed only in automation rule criteria');
    invalid({ Title: [s('NOT_CONTAINS')] }, 'Filters.Title[0].Comparison NOT_CONTAINS is allowed only');
  });

  it('accepts CONTAINS and NOT_CONTAINS in automation rules', () => {
    expect(validateFilters({ Title: [s('CONTAINS', 'a'), s('CONTAINS', 'b')] }, { allowContains: true }).Title).toHaveLength(2);
    expect(validateFilters({ Title: [s('NOT_CONTAINS', 'a'), s('NOT_CONTAINS', 'b')] }, { allowContains: true }).Title).toHaveLength(2);
  });
});

describe('validateFilters: documented combination rules', () => {
  const rule = { allowContains: true };

  it('rejects EQUALS with NOT_EQUALS on one field, naming the later entry', () => {
    invalid({ ResourceType: [s('EQUALS', 'a'), s('NOT_EQUALS', 'b')] }, 'Filters.ResourceType[1].Comparison NOT_EQUALS is invalid here');
    invalid({ ResourceType: [s('NOT_EQUALS', 'b'), s('EQUALS', 'a')] }, 'Filters.ResourceType[1].Comparison EQUALS is invalid here');
  });

  it('rejects EQUALS with PREFIX_NOT_EQUALS on one field', () => {
    invalid({ ResourceType: [s('EQUALS', 'a'), s('PREFIX_NOT_EQUALS', 'b')] }, /EQUALS filters cannot be combined/);
  });

  it('accepts PREFIX with NOT_EQUALS and PREFIX_NOT_EQUALS (the documented ResourceType example)', () => {
    const filters = {
      ResourceType: [s('PREFIX', 'AwsIam'), s('PREFIX', 'AwsEc2'), s('NOT_EQUALS', 'AwsIamPolicy'), s('NOT_EQUALS', 'AwsEc2NetworkInterface')],
      ResourceId: [s('PREFIX', 'arn:'), s('PREFIX_NOT_EQUALS', 'arn:aws:iam')],
    };
    expect(validateFilters(filters)).toEqual(filters);
  });

  it('accepts EQUALS with PREFIX, and negatives together', () => {
    expect(() => validateFilters({ Title: [s('EQUALS'), s('PREFIX')] })).not.toThrow();
    expect(() => validateFilters({ Title: [s('NOT_EQUALS'), s('PREFIX_NOT_EQUALS')] })).not.toThrow();
  });

  it('rejects CONTAINS with NOT_CONTAINS on one field', () => {
    invalid({ Title: [s('CONTAINS'), s('NOT_CONTAINS')] }, 'Filters.Title[1].Comparison NOT_CONTAINS is invalid here', rule);
  });

  it('rejects CONTAINS with any other comparison', () => {
    invalid({ Title: [s('CONTAINS'), s('EQUALS')] }, /CONTAINS filters can only be combined with other CONTAINS filters/, rule);
    invalid({ Title: [s('PREFIX'), s('CONTAINS')] }, /CONTAINS filters can only be combined/, rule);
  });

  it('rejects NOT_CONTAINS with any other comparison', () => {
    invalid({ Title: [s('NOT_CONTAINS'), s('NOT_EQUALS')] }, /NOT_CONTAINS filters can only be combined with other NOT_CONTAINS/, rule);
    invalid({ Title: [s('PREFIX_NOT_EQUALS'), s('NOT_CONTAINS')] }, /NOT_CONTAINS filters can only be combined/, rule);
  });

  it('applies the rules to each attribute separately', () => {
    expect(() => validateFilters({ Title: [s('EQUALS')], Description: [s('NOT_EQUALS')] })).not.toThrow();
  });

  it('applies the map rules to each key of a map separately', () => {
    const m = (Key: string, Comparison: string) => ({ Key, Value: 'v', Comparison });
    const conflicting = { ResourceTags: [m('Env', 'EQUALS'), m('Env', 'NOT_EQUALS')] };
    invalid(conflicting, 'Filters.ResourceTags[1].Comparison NOT_EQUALS is invalid here');
    invalid({ ResourceTags: [m('Env', 'CONTAINS'), m('Env', 'EQUALS')] }, /CONTAINS filters can only/, rule);
    expect(() => validateFilters({ ResourceTags: [m('Env', 'EQUALS'), m('Team', 'NOT_EQUALS')] })).not.toThrow();
  });
});

describe('validateFilters: other kinds', () => {
  it('requires at least one bound of a number filter, each a number', () => {
    invalid({ Confidence: [{}] }, 'Filters.Confidence[0] needs at least one of Gte, Lte, Eq, Gt, Lt');
    invalid({ Confidence: [{ Gte: '5' }] }, 'Filters.Confidence[0].Gte must be a number');
    expect(validateFilters({ Confidence: [{ Gte: 1, Lt: 5 }] })).toEqual({ Confidence: [{ Gte: 1, Lt: 5 }] });
  });

  it('requires Start, End or DateRange of a date filter', () => {
    invalid({ UpdatedAt: [{}] }, 'Filters.UpdatedAt[0] needs Start, End or DateRange');
  });

  it('rejects invalid timestamps', () => {
    invalid({ UpdatedAt: [{ Start: '2024-13-01T00:00:00Z' }] }, 'Filters.UpdatedAt[0].Start is not a valid timestamp');
    invalid({ UpdatedAt: [{ End: '2024-02-30T00:00:00Z' }] }, 'Filters.UpdatedAt[0].End is not a valid timestamp');
    invalid({ UpdatedAt: [{ End: '2023-02-29T00:00:00Z' }] }, 'Filters.UpdatedAt[0].End is not a valid timestamp');
    invalid({ UpdatedAt: [{ End: '2024-06-01' }] }, 'Filters.UpdatedAt[0].End is not a valid timestamp');
    invalid({ UpdatedAt: [{ End: '2024-06-01T00:00:00.1234567890Z' }] }, 'not a valid timestamp');
    invalid({ UpdatedAt: [{ End: '2024-06-01T00:00:00+18:01' }] }, 'not a valid timestamp');
  });

  it('accepts the documented timestamp formats', () => {
    const documented = [
      '2019-01-31T23:00:00Z',
      '2019-01-31T23:00:00.123456789Z',
      '2024-01-04T15:25:10+17:59',
      '2024-01-04T15:25:10-1759',
      '2024-01-04T15:25:10.123456789+17:59',
      '2024-02-29T00:00:00Z',
    ];
    for (const Start of documented) {
      expect(() => validateFilters({ UpdatedAt: [{ Start }] })).not.toThrow();
    }
  });

  it('requires a DateRange in whole DAYS', () => {
    invalid({ UpdatedAt: [{ DateRange: { Value: 7, Unit: 'HOURS' } }] }, 'Filters.UpdatedAt[0].DateRange.Unit must be DAYS');
    invalid({ UpdatedAt: [{ DateRange: { Value: 7 } }] }, 'Filters.UpdatedAt[0].DateRange.Unit must be DAYS');
    invalid({ UpdatedAt: [{ DateRange: { Unit: 'DAYS' } }] }, 'Filters.UpdatedAt[0].DateRange.Value is required');
    invalid({ UpdatedAt: [{ DateRange: { Value: 1.5, Unit: 'DAYS' } }] }, 'DateRange.Value must be a non-negative integer');
    const newer = { UpdatedAt: [{ DateRange: { Value: 1, Unit: 'DAYS', Comparison: 'NEWER' } }] };
    invalid(newer, 'DateRange.Comparison must be WITHIN or OLDER_THAN');
  });

  it('defaults a DateRange comparison to WITHIN', () => {
    expect(validateFilters({ UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] }).UpdatedAt).toEqual([{ DateRange: { Value: 7, Unit: 'DAYS', Comparison: 'WITHIN' } }]);
  });

  it('requires Key, Value and an EQUALS or NOT_EQUALS comparison of a map filter', () => {
    invalid({ ResourceTags: [{ Value: 'v', Comparison: 'EQUALS' }] }, 'Filters.ResourceTags[0].Key is required');
    invalid({ ResourceTags: [{ Key: 'k', Comparison: 'EQUALS' }] }, 'Filters.ResourceTags[0].Value is required');
    const prefix = { ResourceTags: [{ Key: 'k', Value: 'v', Comparison: 'PREFIX' }] };
    invalid(prefix, 'Filters.ResourceTags[0].Comparison must be one of EQUALS, NOT_EQUALS');
  });

  it('rejects bad CIDRs', () => {
    const bad = ['10.0.0.0/33', '10.0.0/8', '256.0.0.1', '10.0.0.1/', '01.2.3.4/8', '2001:db8::/129', '2001:db8:::1'];
    for (const Cidr of [...bad, '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', 'nope']) {
      invalid({ NetworkSourceIpV4: [{ Cidr }] }, `Filters.NetworkSourceIpV4[0].Cidr is not a valid IPv4 or IPv6 CIDR: ${Cidr}`);
    }
  });

  it('accepts IPv4 and IPv6 CIDRs and bare addresses', () => {
    for (const Cidr of ['10.0.0.0/8', '0.0.0.0/0', '203.0.113.7', '::/0', '2001:db8::/32', '::ffff:10.0.0.1/128', 'fe80::1']) {
      expect(() => validateFilters({ NetworkSourceIpV6: [{ Cidr }] })).not.toThrow();
    }
  });

  it('requires a boolean Value of a boolean filter', () => {
    invalid({ Sample: [{ Value: 'true' }] }, 'Filters.Sample[0].Value must be a boolean');
    invalid({ Sample: [{}] }, 'Filters.Sample[0].Value is required');
  });
});

describe('validateFilters: limits', () => {
  it('accepts 10 attributes', () => {
    expect(Object.keys(validateFilters(attributes(10)))).toHaveLength(10);
  });

  it('rejects 11 attributes', () => {
    invalid(attributes(11), 'Filters has 11 attributes; at most 10 are allowed');
  });

  it('does not count empty attributes', () => {
    expect(() => validateFilters({ ...attributes(10), Sample: [] })).not.toThrow();
  });

  it('accepts 20 values and rejects 21 in one attribute', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => s('EQUALS', `v${i}`));
    expect(validateFilters({ Id: values(20) }).Id).toHaveLength(20);
    invalid({ Id: values(21) }, 'Filters.Id has 21 values; at most 20 are allowed');
  });

  it('takes other limits from the options', () => {
    invalid(attributes(3), 'at most 2 are allowed', { maxAttributes: 2 });
  });
});
