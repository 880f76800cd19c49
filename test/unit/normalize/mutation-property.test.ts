import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { NORMALIZERS } from '../../../lambdas/normalize/registry';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { FIXTURE_DIRS, fixtureFiles, sourceEvent } from '../../support/fixtures';

/**
 * Real events are untidy. Whatever happens to a valid event — a field removed, a value of the
 * wrong type, a huge string, an unknown finding type — a normalizer either maps it to findings
 * that pass the ASFF schema, or refuses it with UnmappableEventError. Never anything else.
 */

function fixturesOf(id: string): Array<[string, SourceEvent]> {
  if (!fs.existsSync(path.join(FIXTURE_DIRS.events, id))) return [];
  return fixtureFiles('events', id).map((file) => [file, sourceEvent(file) as SourceEvent]);
}

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function mutate(event: SourceEvent, target: Path, replacement: unknown, remove: boolean): SourceEvent {
  const copy = structuredClone(event) as unknown as Record<string | number, unknown>;
  if (target.length === 0) return copy as unknown as SourceEvent;
  let parent = copy;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = target[target.length - 1];
  if (remove && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy as unknown as SourceEvent;
}

const replacementArb = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constant('x'.repeat(300_000)),
  fc.constant('y'.repeat(5_000)),
  fc.constant('Backdoor:EC2/UnknownNewType.Future!'),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.string(), { maxLength: 3 }),
);

const cases = NORMALIZERS.flatMap((normalizer) => fixturesOf(normalizer.id).map(([name, event]) => ({ name, normalizer, event })));

describe('normalizers under mutation', () => {
  it('has fixtures for every normalizer but the third-party one', () => {
    const covered = new Set(cases.map(({ normalizer }) => normalizer.id));
    expect(NORMALIZERS.filter((normalizer) => normalizer.id !== 'asff' && !covered.has(normalizer.id))).toEqual([]);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase]))(
    '%s: maps every mutation to schema-valid findings or refuses it with UnmappableEventError',
    (_, { normalizer, event }) => {
      const paths = pathsOf(event).filter((candidate) => candidate[0] === 'detail' && candidate.length > 1);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: paths.length - 1 }), replacementArb, fc.boolean(), (index, replacement, remove) => {
          const mutated = mutate(event, paths[index], replacement, remove);
          let findings: ReturnType<typeof normalizer.normalize>;
          try {
            findings = normalizer.normalize(mutated);
          } catch (error) {
            if (error instanceof UnmappableEventError) return;
            throw new Error(`unexpected ${String(error)} after mutating ${paths[index].join('.')}`);
          }
          for (const finding of findings) {
            const result = validateFinding(finding);
            // An event carrying a 300 KB value maps to a finding over 240 KB: the store refuses it with
            // FindingSizeExceeded and the event is dead-lettered with that reason. Anything else is a bug.
            if (!result.ok && result.errorCode !== 'FindingSizeExceeded') {
              throw new Error(`invalid finding after mutating ${paths[index].join('.')}: ${result.message}`);
            }
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
