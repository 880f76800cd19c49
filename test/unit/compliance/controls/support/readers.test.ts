import { asArray, asBoolean, asNumber, asRecord, asString, daysSince, field, supplementary } from '../../../../../lambdas/compliance/controls/support/readers';
import type { ConfigurationItem } from '../../../../../lambdas/compliance/controls/types';

describe('Config JSON readers', () => {
  it('reads a nested field', () => {
    expect(field({ state: { name: 'running' } }, 'state', 'name')).toBe('running');
  });

  it('reads the first present spelling of a key', () => {
    const configuration = { VpcConfig: { subnetIds: ['subnet-1'] } };

    expect(field(configuration, ['vpcConfig', 'VpcConfig'], ['SubnetIds', 'subnetIds'])).toEqual(['subnet-1']);
  });

  it('steps into a document delivered as a JSON string', () => {
    expect(field({ TrailStatus: '{"IsLogging": false}' }, 'TrailStatus', 'IsLogging')).toBe(false);
  });

  it('answers undefined for a missing step, a scalar or unparsable JSON', () => {
    expect(field({ a: 1 }, 'a', 'b')).toBeUndefined();
    expect(field({ a: '{' }, 'a', 'b')).toBeUndefined();
    expect(field(null, 'a')).toBeUndefined();
  });

  it('parses a supplementary document delivered as a JSON string', () => {
    const item = { supplementaryConfiguration: { BucketPolicy: '{"policyText": "{}"}' } } as unknown as ConfigurationItem;

    expect(supplementary(item, 'BucketPolicy')).toEqual({ policyText: '{}' });
  });

  it('reads lists: nothing is empty, one value is a list of one, JSON text is parsed', () => {
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray('s3:GetObject')).toEqual(['s3:GetObject']);
    expect(asArray({ Effect: 'Allow' })).toEqual([{ Effect: 'Allow' }]);
    expect(asArray('[1, 2]')).toEqual([1, 2]);
  });

  it('reads objects, parsing JSON text', () => {
    expect(asRecord('{"a": 1}')).toEqual({ a: 1 });
    expect(asRecord([])).toBeUndefined();
  });

  it('reads scalars as Config writes them', () => {
    expect(asBoolean(' TRUE ')).toBe(true);
    expect(asBoolean('yes')).toBeUndefined();
    expect(asNumber('7')).toBe(7);
    expect(asNumber('')).toBeUndefined();
    expect(asString('  ')).toBeUndefined();
  });

  it('counts whole days to the evaluation clock', () => {
    expect(daysSince('2025-05-01T00:00:00Z', new Date('2025-06-01T12:00:00Z'))).toBe(31);
    expect(daysSince('N/A', new Date())).toBeUndefined();
  });
});
