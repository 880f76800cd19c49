import { compileEventPattern, matchesEventPattern } from '../../../lib/local/engine';

describe('matchesEventPattern edge cases', () => {
  it('ignores event fields the pattern does not name', () => {
    expect(matchesEventPattern({ source: ['a'] }, { source: 'a', other: { deep: [1, 2] } })).toBe(true);
  });

  it('does not match when a named field is missing', () => {
    expect(matchesEventPattern({ source: ['a'], region: ['eu-west-1'] }, { source: 'a' })).toBe(false);
  });

  it('compares numbers numerically and never against numeric strings', () => {
    expect(matchesEventPattern({ n: [300] }, JSON.parse('{"n": 300.0}'))).toBe(true);
    expect(matchesEventPattern({ n: [300] }, { n: '300' })).toBe(false);
    expect(matchesEventPattern({ n: ['300'] }, { n: 300 })).toBe(false);
  });

  it('does not apply string operators to numbers, booleans or null', () => {
    expect(matchesEventPattern({ n: [{ prefix: '1' }] }, { n: 10 })).toBe(false);
    expect(matchesEventPattern({ b: [{ 'equals-ignore-case': 'true' }] }, { b: true })).toBe(false);
    expect(matchesEventPattern({ z: [{ wildcard: '*' }] }, { z: null })).toBe(false);
  });

  it('does not match a leaf pattern against an object value', () => {
    expect(matchesEventPattern({ detail: ['x'] }, { detail: { x: 'x' } })).toBe(false);
  });

  it('matches an array field when any element matches, nested arrays included', () => {
    expect(matchesEventPattern({ tags: [{ prefix: 'env:' }] }, { tags: ['team:a', ['env:prod']] })).toBe(true);
    expect(matchesEventPattern({ tags: ['x'] }, { tags: ['a', 'b'] })).toBe(false);
  });

  it('treats an empty array as an absent field', () => {
    expect(matchesEventPattern({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
    expect(matchesEventPattern({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(matchesEventPattern({ resources: [{ 'anything-but': 'x' }] }, { resources: [] })).toBe(false);
  });

  it('counts null as a present leaf for exists', () => {
    expect(matchesEventPattern({ a: [{ exists: true }] }, { a: null })).toBe(true);
    expect(matchesEventPattern({ a: [{ exists: false }] }, { a: null })).toBe(false);
  });

  it('matches exists false under a missing parent object', () => {
    expect(matchesEventPattern({ detail: { a: [{ exists: false }] } }, { source: 'x' })).toBe(true);
    expect(matchesEventPattern({ detail: { a: [{ exists: true }] } }, { source: 'x' })).toBe(false);
  });

  it('matches exists false or a value given in the same field', () => {
    const pattern = { a: [{ exists: false }, 'x'] };
    expect(matchesEventPattern(pattern, {})).toBe(true);
    expect(matchesEventPattern(pattern, { a: 'x' })).toBe(true);
    expect(matchesEventPattern(pattern, { a: 'y' })).toBe(false);
  });

  it('matches anything-but on an array when one element is not excluded', () => {
    expect(matchesEventPattern({ s: [{ 'anything-but': 'a' }] }, { s: ['a', 'b'] })).toBe(true);
    expect(matchesEventPattern({ s: [{ 'anything-but': 'a' }] }, { s: ['a', 'a'] })).toBe(false);
  });

  it('matches anything-but for a present leaf of another type', () => {
    expect(matchesEventPattern({ s: [{ 'anything-but': 'a' }] }, { s: 5 })).toBe(true);
    expect(matchesEventPattern({ s: [{ 'anything-but': [5] }] }, { s: '5' })).toBe(true);
    expect(matchesEventPattern({ s: [{ 'anything-but': { prefix: 'a' } }] }, { s: null })).toBe(true);
  });

  it('does not match anything-but on a missing field', () => {
    expect(matchesEventPattern({ s: [{ 'anything-but': 'a' }] }, {})).toBe(false);
  });

  it('keeps conditions on objects in an array within one element', () => {
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
      ],
    };
    expect(matchesEventPattern({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
    expect(matchesEventPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event)).toBe(true);
    expect(matchesEventPattern({ employees: { firstName: ['Anna'], lastName: ['Doe'] } }, event)).toBe(false);
  });

  it('applies $or at the top level next to other fields', () => {
    const pattern = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] };
    expect(matchesEventPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/EC2' })).toBe(true);
    expect(matchesEventPattern(pattern, { source: 'aws.s3', namespace: 'AWS/EC2' })).toBe(false);
    expect(matchesEventPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(false);
  });

  it('applies $or nested in an object and inside another $or', () => {
    const pattern = {
      detail: {
        $or: [{ state: ['running'] }, { type: ['t3'], $or: [{ 'c-count': [{ numeric: ['>', 5] }] }, { zone: [{ prefix: 'eu-' }] }] }],
      },
    };
    expect(matchesEventPattern(pattern, { detail: { state: 'running' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { type: 't3', zone: 'eu-west-1a' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { type: 't3', 'c-count': 2 } })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { type: 't2', 'c-count': 9 } })).toBe(false);
  });

  it('matches IPv6 CIDR blocks whatever the spelling of the address', () => {
    const pattern = { ip: [{ cidr: '2001:db8:85a3::/48' }] };
    expect(matchesEventPattern(pattern, { ip: '2001:0DB8:85A3:0000:0000:8A2E:0370:7334' })).toBe(true);
    expect(matchesEventPattern(pattern, { ip: '2001:db8:85a4::1' })).toBe(false);
    expect(matchesEventPattern({ ip: [{ cidr: '::ffff:0:0/96' }] }, { ip: '::ffff:10.0.0.1' })).toBe(true);
  });

  it('matches an exact IP address written differently', () => {
    expect(matchesEventPattern({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
  });

  it('honours prefix bits that do not fall on a byte boundary', () => {
    expect(matchesEventPattern({ ip: [{ cidr: '10.0.0.0/13' }] }, { ip: '10.7.255.255' })).toBe(true);
    expect(matchesEventPattern({ ip: [{ cidr: '10.0.0.0/13' }] }, { ip: '10.8.0.0' })).toBe(false);
  });

  it('matches escaped asterisks in a wildcard literally', () => {
    const pattern = { name: [{ wildcard: 'a\\*b*' }] };
    expect(matchesEventPattern(pattern, { name: 'a*bc' })).toBe(true);
    expect(matchesEventPattern(pattern, { name: 'axbc' })).toBe(false);
  });

  it('anchors wildcard segments without backtracking surprises', () => {
    const pattern = { p: [{ wildcard: '*a*a*a' }] };
    expect(matchesEventPattern(pattern, { p: 'aaa' })).toBe(true);
    expect(matchesEventPattern(pattern, { p: 'aa' })).toBe(false);
    expect(matchesEventPattern({ p: [{ wildcard: 'ab*ba' }] }, { p: 'aba' })).toBe(false);
  });

  it('does not read inherited properties as event fields', () => {
    expect(matchesEventPattern({ constructor: [{ exists: true }] }, {})).toBe(false);
  });

  it('matches a non-object event only with exists false conditions', () => {
    expect(matchesEventPattern({ a: [{ exists: false }] }, 'text')).toBe(true);
    expect(matchesEventPattern({ a: ['x'] }, null)).toBe(false);
  });

  it('gives the same answers from a compiled matcher', () => {
    const matches = compileEventPattern({ source: [{ prefix: 'aws.' }] });
    expect([matches({ source: 'aws.ec2' }), matches({ source: 'custom' })]).toEqual([true, false]);
  });
});
