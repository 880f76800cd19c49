import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { NORMALIZERS } from '../../../lambdas/normalize/registry';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { FIXTURE_DIRS, fixtureFiles, sourceEvent } from '../../support/fixtures';

/**
 * The mutation property, brute force: every `detail` field of every fixture, each replaced by each
 * value below (or removed), maps to schema-valid findings or is refused with UnmappableEventError.
 * Deterministic, so the untidy values random runs rarely draw (blank strings, negative or fractional
 * counts, prototype keys, over-long ARNs) are always tried.
 */

const REMOVE = Symbol('remove');
const REPLACEMENTS: unknown[] = [
  REMOVE,
  null,
  true,
  0,
  -1,
  1.5,
  1e300,
  '',
  ' ',
  ' \n\t',
  'y'.repeat(5000),
  'Backdoor:EC2/UnknownNewType.Future!',
  {},
  [],
  ['a', ' '],
  'constructor',
  '__proto__',
  'valueOf',
  '1',
  'a.b[0]',
  `arn:aws:x:${'z'.repeat(600)}`,
];

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function mutate(event: SourceEvent, target: Path, replacement: unknown): SourceEvent {
  const copy = structuredClone(event) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = target[target.length - 1];
  if (replacement === REMOVE && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (replacement === REMOVE) delete parent[last];
  else parent[last] = replacement;
  return copy as unknown as SourceEvent;
}

const cases = NORMALIZERS.flatMap((normalizer) => {
  if (!fs.existsSync(path.join(FIXTURE_DIRS.events, normalizer.id))) return [];
  return fixtureFiles('events', normalizer.id).map((file) => ({ name: file, normalizer, event: sourceEvent(file) as SourceEvent }));
});

describe('normalizers under every listed mutation', () => {
  it.each(cases.map((testCase) => [testCase.name, testCase]))('%s: schema-valid findings or UnmappableEventError', (_, { normalizer, event }) => {
    const problems: string[] = [];
    for (const target of pathsOf(event).filter((candidate) => candidate[0] === 'detail' && candidate.length > 1)) {
      for (const replacement of REPLACEMENTS) {
        const mutation = `${target.join('.')} = ${replacement === REMOVE ? '(removed)' : JSON.stringify(replacement).slice(0, 30)}`;
        try {
          for (const finding of normalizer.normalize(mutate(event, target, replacement))) {
            const result = validateFinding(finding);
            if (!result.ok) problems.push(`${mutation}: ${result.message}`);
          }
        } catch (error) {
          if (!(error instanceof UnmappableEventError)) problems.push(`${mutation}: ${String(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
