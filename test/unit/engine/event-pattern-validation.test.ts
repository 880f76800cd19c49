import { InvalidEventPatternError, matchesEventPattern, validateEventPattern } from '../../../lib/local/engine';

// Rejections as Event Ruler's JSON rule compiler (run by EventBridge) makes them.
const invalid: Record<string, unknown> = {
  'a root that is not an object': ['source'],
  'a null root': null,
  'an empty pattern': {},
  'an empty nested object': { detail: {} },
  'a match value not in an array': { source: 'aws.ec2' },
  'an empty array of match values': { source: [] },
  'a nested array of match values': { source: [['aws.ec2']] },
  'an unknown operator': { source: [{ foo: 1 }] },
  'two operators in one match expression': { source: [{ prefix: 'a', suffix: 'b' }] },
  'an empty match expression': { source: [{}] },
  'a prefix that is not a string': { source: [{ prefix: 1 }] },
  'an unknown prefix modifier': { source: [{ prefix: { 'equals-case': 'a' } }] },
  'numeric that is not an array': { n: [{ numeric: '>' }] },
  'a numeric operator that does not exist': { n: [{ numeric: ['!=', 1] }] },
  'a numeric value that is a string': { n: [{ numeric: ['>', '1'] }] },
  'a numeric range in the wrong order': { n: [{ numeric: ['<', 5, '>', 0] }] },
  'a numeric range whose bottom is not below its top': { n: [{ numeric: ['>', 5, '<', 5] }] },
  'a numeric equals with a second term': { n: [{ numeric: ['=', 5, '<', 6] }] },
  'a numeric range with too many terms': { n: [{ numeric: ['>', 0, '<', 5, '<', 6] }] },
  'anything-but mixing strings and numbers': { s: [{ 'anything-but': ['a', 1] }] },
  'anything-but with an empty list': { s: [{ 'anything-but': [] }] },
  'anything-but null': { s: [{ 'anything-but': null }] },
  'anything-but with an unknown form': { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
  'anything-but with an empty prefix': { s: [{ 'anything-but': { prefix: '' } }] },
  'anything-but with a numeric equals-ignore-case': { s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] },
  'exists that is not a boolean': { s: [{ exists: 'true' }] },
  'a malformed CIDR': { ip: [{ cidr: '10.0.0.0' }] },
  'a CIDR with too many bits': { ip: [{ cidr: '10.0.0.0/33' }] },
  'a wildcard with consecutive asterisks': { s: [{ wildcard: 'a**b' }] },
  'a wildcard escaping another character': { s: [{ wildcard: 'a\\b' }] },
  '$or that is not an array': { $or: { a: ['x'] } },
  '$or with a single object': { $or: [{ a: ['x'] }] },
  '$or with a non-object': { $or: [{ a: ['x'] }, 'b'] },
  'a reserved field name inside $or': { $or: [{ prefix: ['x'] }, { a: ['y'] }] },
};

describe('validateEventPattern', () => {
  it.each(Object.entries(invalid))('rejects %s', (_name, pattern) => {
    expect(() => validateEventPattern(pattern)).toThrow(InvalidEventPatternError);
  });

  it('names the reason and the member in the error', () => {
    const error = (() => {
      try {
        validateEventPattern({ detail: { n: [{ numeric: ['>', 'x'] }] } });
      } catch (caught) {
        return caught as InvalidEventPatternError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ type: 'InvalidEventPatternException', path: 'detail.n[0].numeric' });
    expect(error?.message).toMatch(/^Event pattern is not valid\. Reason: value of > must be numeric/);
  });

  it('accepts every documented form', () => {
    const pattern = {
      source: ['aws.ec2', 1, true, null, { prefix: 'a' }, { prefix: { 'equals-ignore-case': 'A' } }, { suffix: 'b' }],
      a: [{ suffix: { 'equals-ignore-case': 'B' } }, { 'equals-ignore-case': 'c' }, { wildcard: 'x*y\\*z\\\\' }],
      b: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: ['p', 'q'] } }],
      c: [{ 'anything-but': { suffix: 's' } }, { 'anything-but': { 'equals-ignore-case': ['e'] } }, { 'anything-but': { wildcard: '*w' } }],
      d: [{ numeric: ['>=', 0, '<', 1] }, { numeric: ['=', 3.018e2] }, { numeric: ['<=', -1] }],
      e: [{ cidr: '10.0.0.0/8' }, { cidr: '2001:db8::/32' }, { exists: true }],
      detail: { $or: [{ x: [{ exists: false }] }, { y: ['1'] }] },
    };
    expect(() => validateEventPattern(pattern)).not.toThrow();
  });

  it('throws from matchesEventPattern for a pattern EventBridge would reject', () => {
    expect(() => matchesEventPattern({ source: 'aws.ec2' }, { source: 'aws.ec2' })).toThrow(InvalidEventPatternError);
  });
});
