import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { at } from '../../../lambdas/normalize/fields';
import { lookup } from '../../../lambdas/normalize/objects';
import { NORMALIZERS } from '../../../lambdas/normalize/registry';
import { loadEvent, setAt as set } from '../../support/events';

/**
 * Event values used as keys into the normalizers' lookup tables (finding types, severities,
 * resource types, detail blocks, partitions, tags) must never reach Object.prototype: a GuardDuty
 * type `constructor` once mapped to `Types: [Object]`, an Inspector resource type `toString` to a
 * function as `Resources[0].Type`.
 */

/** A fixture by `<source>/<file>`. */
const fixture = (file: string) => loadEvent(file.split('/')[0], file.split('/')[1]);

const PROTOTYPE_KEYS = ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty'];

function normalizeOne(file: string, dotted: string, value: unknown): AwsSecurityFinding {
  const event = fixture(file);
  set(event, dotted, value);
  const normalizer = NORMALIZERS.find((candidate) => file.startsWith(`${candidate.id}/`));
  const [finding] = normalizer?.normalize(event) ?? [];
  const validation = validateFinding(finding);
  if (!validation.ok) throw new Error(`${validation.path}: ${validation.message}`);
  return finding;
}

/** The lookup keys each normalizer takes from an event. */
const LOOKUP_FIELDS: Array<[string, string]> = [
  ['guardduty/s3-bucket.json', 'detail.type'],
  ['guardduty/s3-bucket.json', 'detail.partition'],
  ['guardduty/s3-bucket.json', 'detail.resource.resourceType'],
  ['inspector/package-ec2.json', 'detail.severity'],
  ['inspector/package-ec2.json', 'detail.resources.0.type'],
  ['inspector/package-ec2.json', 'detail.resources.0.partition'],
  ['macie/sensitive-data-multiple.json', 'detail.type'],
  ['macie/sensitive-data-multiple.json', 'detail.category'],
  ['macie/sensitive-data-multiple.json', 'detail.partition'],
  ['config/non-compliant-s3-bucket.json', 'detail.resourceType'],
  ['config/non-compliant-s3-bucket.json', 'detail.newEvaluationResult.complianceType'],
];

describe('prototype keys in events', () => {
  it.each(LOOKUP_FIELDS.flatMap(([file, field]) => PROTOTYPE_KEYS.map((key) => [file, field, key])))(
    '%s: %s = %s maps to a schema-valid finding or is refused with UnmappableEventError',
    (file, field, key) => {
      try {
        normalizeOne(file, field, key);
      } catch (error) {
        if (!(error instanceof UnmappableEventError)) throw error;
      }
    },
  );

  it.each(['constructor', 'valueOf'])('files an unknown GuardDuty type %s under its threat purpose, not a prototype member', (type) => {
    const finding = normalizeOne('guardduty/s3-bucket.json', 'detail.type', type);

    expect(finding.Types).toEqual([`TTPs/${type}`]);
  });

  it('places a GuardDuty type whose threat purpose is toString under TTPs', () => {
    const finding = normalizeOne('guardduty/s3-bucket.json', 'detail.type', 'toString:EC2/Something');

    expect(finding.Types).toEqual(['TTPs/toString:EC2-Something']);
  });

  it.each(['constructor', 'toString'])('maps an Inspector resource type %s to Other', (type) => {
    const finding = normalizeOne('inspector/package-ec2.json', 'detail.resources.0.type', type);

    expect(finding.Resources[0].Type).toBe('Other');
  });

  it('keeps an Inspector tag named __proto__ as a tag', () => {
    const event = fixture('inspector/package-ec2.json');
    const resource = (event.detail.resources as Array<Record<string, unknown>>)[0];
    resource.tags = JSON.parse('{"__proto__": "polluted", "team": "red"}') as Record<string, unknown>;

    const [finding] = NORMALIZERS.find((normalizer) => normalizer.id === 'inspector')?.normalize(event) ?? [];

    expect(Object.hasOwn(finding.Resources[0].Tags ?? {}, '__proto__')).toBe(true);
    expect(finding.Resources[0].Tags?.team).toBe('red');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads only own members along a path', () => {
    expect(at({ detail: {} }, 'detail.constructor')).toBeUndefined();
    expect(at({ detail: {} }, 'detail.__proto__')).toBeUndefined();
  });

  it('looks up only own entries of a table', () => {
    const table = { HIGH: 'HIGH' };

    expect(PROTOTYPE_KEYS.map((key) => lookup(table, key))).toEqual(PROTOTYPE_KEYS.map(() => undefined));
    expect(lookup(table, 'HIGH')).toBe('HIGH');
  });
});
