import * as fs from 'node:fs';
import fc from 'fast-check';
import { lengthChecksFirst, validatorSource, VALIDATOR_FILE } from '../../../lambdas/asff/generate-validator';
import { validateFinding } from '../../../lambdas/asff/validate';
import { fullFinding } from '../../fixtures/asff/findings';

describe('the precompiled ASFF validator', () => {
  it('is generated from the current schema (run `npm run generate` after changing it)', () => {
    expect(fs.readFileSync(VALIDATOR_FILE, 'utf8') === validatorSource()).toBe(true);
  });
});

describe('length checks decided by .length first', () => {
  const ucs2length = (value: string) => [...value].length;
  const original = (value: string, operator: '<' | '>', limit: number) => (operator === '>' ? ucs2length(value) > limit : ucs2length(value) < limit);
  const rewritten = (value: string, operator: '<' | '>', limit: number) => {
    const source = `const func3 = require("ajv/dist/runtime/ucs2length").default; return func3(data1) ${operator} ${limit};`;
    // The rewritten comparison, run with the same code-point counter ajv uses.
    return new Function('data1', 'require', lengthChecksFirst(source))(value, () => ({ default: ucs2length })) as boolean;
  };

  it('rewrites every code-point comparison of the generated validator', () => {
    const source = fs.readFileSync(VALIDATOR_FILE, 'utf8');
    const counts = source.match(/func3\(\w+\) [<>] \d+/g) ?? [];
    const guarded = source.match(/\((\w+)\.length ([<>]) (\d+) (&&|\|\|) func3\(\1\) \2 \3\)/g) ?? [];
    expect(counts.length).toBeGreaterThan(0);
    expect(guarded).toHaveLength(counts.length);
    expect(source).not.toMatch(/func3\(\w+\) < 1\b/);
  });

  it('gives the verdict of the code-point count for any string and limit, astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom<'<' | '>'>('<', '>'), fc.integer({ min: 1, max: 50 }), (value, operator, limit) => {
        expect(rewritten(value, operator, limit)).toBe(original(value, operator, limit));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps counting code points: a Title of 256 emoji is valid, 257 are too long', () => {
    const finding = (title: string) => ({ ...fullFinding(), Title: title });
    expect(validateFinding(finding('😀'.repeat(256))).ok).toBe(true);
    expect(validateFinding(finding('😀'.repeat(257)))).toMatchObject({ ok: false, path: 'Title' });
  });
});
