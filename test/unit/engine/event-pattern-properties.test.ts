import fc from 'fast-check';
import { matchesEventPattern } from '../../../lib/local/engine';

const key = fc.constantFrom('source', 'detail', 'state', 'count', 'tags', 'ip', '$id');
const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const event = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(leaf, { maxLength: 3 }), tie('object')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
})).object as fc.Arbitrary<Record<string, unknown>>;

/** A pattern naming every leaf-holding field of the event with that field's own values. */
function patternFrom(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const pattern: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    if (Array.isArray(value)) {
      if (value.length > 0) pattern[name] = value;
    } else if (typeof value === 'object' && value !== null) {
      const nested = patternFrom(value as Record<string, unknown>);
      if (nested) pattern[name] = nested;
    } else {
      pattern[name] = [value];
    }
  }
  return Object.keys(pattern).length > 0 ? pattern : undefined;
}

function regexOracle(wildcard: string, text: string): boolean {
  const source = wildcard
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(text);
}

describe('event pattern properties', () => {
  it('matches an event with a pattern built from its own leaf values', () => {
    fc.assert(
      fc.property(event, (generated) => {
        const pattern = patternFrom(generated);
        fc.pre(pattern !== undefined);
        return matchesEventPattern(pattern, generated);
      }),
    );
  });

  it('answers anything-but [x] as the opposite of [x] for a present string or number', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 4 }).map((s) => [s]),
          fc.integer({ min: -5, max: 5 }).map((n) => [n]),
        ),
        scalar,
        ([x], value) => {
          const exact = matchesEventPattern({ f: [x] }, { f: value });
          const anythingBut = matchesEventPattern({ f: [{ 'anything-but': [x] }] }, { f: value });
          return anythingBut === !exact;
        },
      ),
    );
  });

  it('matches wildcards as a regular expression with * as .* would', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '/');
    const text = fc.array(alphabet, { maxLength: 8 }).map((chars) => chars.join(''));
    const wildcard = fc
      .array(fc.oneof(alphabet, fc.constant('*')), { maxLength: 6 })
      .map((chars) => chars.join(''))
      .filter((value) => !value.includes('**'));
    fc.assert(fc.property(wildcard, text, (pattern, value) => matchesEventPattern({ f: [{ wildcard: pattern }] }, { f: value }) === regexOracle(pattern, value)));
  });
});
