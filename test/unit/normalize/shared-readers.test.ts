import fc from 'fast-check';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { optionalNumber, optionalString, truncate } from '../../../lambdas/normalize/fields';
import { partitionFor, regionAt, requireAccountId, requireIdentifier, requireRegion } from '../../../lambdas/normalize/identity';
import { optionalIpV4 } from '../../../lambdas/normalize/network';
import { compact } from '../../../lambdas/normalize/objects';
import { PRODUCT_FIELDS_LIMITS, productFields } from '../../../lambdas/normalize/product-fields';
import { tagsFromPairs } from '../../../lambdas/normalize/tags';

function refusal(act: () => unknown): { reason: string; path?: string } | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof UnmappableEventError) return { reason: error.reason, path: error.path };
    throw error;
  }
  return undefined;
}

describe('requireRegion', () => {
  it.each(['us-east-1', 'eu-central-1', 'us-gov-west-1', 'cn-north-1', 'us-isob-east-1', 'ap-southeast-7'])('accepts %s', (region) => {
    expect(requireRegion({ region }, 'region')).toBe(region);
  });

  it.each(['N/A', 'US-EAST-1', 'y'.repeat(5000), 'xx-aaaaaaaaaaaa-1', 'eu-central'])('refuses %j naming the path', (region) => {
    expect(refusal(() => requireRegion({ detail: { region } }, 'detail.region'))?.path).toBe('detail.region');
  });

  it('reads a placeholder Region as absent where one is optional', () => {
    expect(regionAt({ region: 'N/A' }, 'region')).toBeUndefined();
  });
});

describe('requireAccountId', () => {
  it('pads a number that lost its leading zeros', () => {
    expect(requireAccountId({ account: 12345678901 }, 'account')).toBe('012345678901');
  });

  it.each([['1234'], ['12345678901a'], [-1], [1.5], [{}]])('refuses %j naming the path', (account) => {
    expect(refusal(() => requireAccountId({ account }, 'account'))).toEqual({ reason: expect.stringContaining('12-digit'), path: 'account' });
  });
});

describe('requireIdentifier', () => {
  it('refuses an identifier over the limit instead of cutting it', () => {
    expect(refusal(() => requireIdentifier({ arn: 'a'.repeat(513) }, 'arn', 512))).toEqual({
      reason: 'must be at most 512 characters, got 513',
      path: 'arn',
    });
  });

  it('refuses a blank identifier', () => {
    expect(refusal(() => requireIdentifier({ arn: ' \n' }, 'arn', 512))?.reason).toBe('is required');
  });
});

describe('partitionFor', () => {
  it('keeps a declared ASFF partition and derives any other from the Region', () => {
    expect(partitionFor('aws-us-gov', 'us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionFor('constructor', 'cn-north-1')).toBe('aws-cn');
  });
});

describe('productFields', () => {
  const { maxKeys, maxKeyLength, maxValueLength } = PRODUCT_FIELDS_LIMITS;

  it('holds every result within ASFF limits, whatever the entries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 200 }), fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }))), (entries) => {
        const fields = productFields(entries) ?? {};
        expect(Object.keys(fields).length).toBeLessThanOrEqual(maxKeys);
        for (const [key, value] of Object.entries(fields)) {
          expect(key.length).toBeLessThanOrEqual(maxKeyLength);
          expect(value.length).toBeLessThanOrEqual(maxValueLength);
          expect(/\S/.test(key) && /\S/.test(value)).toBe(true);
        }
      }),
    );
  });

  it('cuts a long value with the marker', () => {
    const fields = productFields([['k', 'v'.repeat(5000)]], '...Truncated');

    expect(fields?.k).toHaveLength(maxValueLength);
    expect(fields?.k.endsWith('v...Truncated')).toBe(true);
  });

  it('leaves out blank values and over-long keys, and keeps the first 50 keys', () => {
    const entries = Array.from({ length: 60 }, (_, index) => [`key${index}`, 'x'] as const);

    const fields = productFields([['blank', ' '], ['k'.repeat(129), 'x'], ...entries]);

    expect(Object.keys(fields ?? {})).toEqual(entries.slice(0, 50).map(([key]) => key));
  });

  it('is undefined when nothing is left', () => {
    expect(productFields([['a', undefined]])).toBeUndefined();
  });
});

describe('untidy scalars', () => {
  it('reads a blank string as absent', () => {
    expect(optionalString({ value: ' \n\t' }, 'value')).toBeUndefined();
    expect(optionalNumber({ value: '  ' }, 'value')).toBeUndefined();
  });

  it('truncates with a marker within the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 6)).toBe('abcdef');
  });

  it('keeps only dotted-quad IPv4 addresses', () => {
    expect(optionalIpV4({ ip: '198.51.100.23' }, 'ip')).toBe('198.51.100.23');
    expect(optionalIpV4({ ip: '2001:db8::1' }, 'ip')).toBeUndefined();
    expect(optionalIpV4({ ip: '300.1.1.1' }, 'ip')).toBeUndefined();
  });

  it('drops tags with a blank key or value', () => {
    expect(
      tagsFromPairs(
        {
          tags: [
            { key: ' ', value: 'a' },
            { key: 'b', value: ' ' },
            { key: 'c', value: 'd' },
          ],
        },
        'tags',
      ),
    ).toEqual({ c: 'd' });
  });

  it('compacts an object to undefined when nothing is left', () => {
    expect(compact({ a: undefined, b: [], c: {}, d: null })).toBeUndefined();
    expect(compact({ a: 0, b: false })).toEqual({ a: 0, b: false });
  });
});
