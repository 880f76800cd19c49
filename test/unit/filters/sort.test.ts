import fc from 'fast-check';
import { InvalidInputError } from '../../../lambdas/shared/errors';
import { compareFindings, compileComparator, DEFAULT_SORT, validateSortCriteria } from '../../../lambdas/filters/sort';
import type { SortCriterion } from '../../../lambdas/filters/types';
import { finding } from './finding';

const ids = (findings: Record<string, unknown>[], criteria: SortCriterion[]) => [...findings].sort((a, b) => compareFindings(a, b, criteria)).map((f) => f.Id);

describe('validateSortCriteria', () => {
  it('returns the default order for absent or empty criteria', () => {
    expect(validateSortCriteria(undefined)).toEqual(DEFAULT_SORT);
    expect(validateSortCriteria([])).toEqual([{ Field: 'UpdatedAt', SortOrder: 'desc' }]);
  });

  it('keeps a filter key and defaults the order to desc', () => {
    expect(validateSortCriteria([{ Field: 'SeverityLabel' }])).toEqual([{ Field: 'SeverityLabel', SortOrder: 'desc' }]);
  });

  it('normalizes a dotted finding path to its filter key', () => {
    expect(validateSortCriteria([{ Field: 'Severity.Label', SortOrder: 'asc' }, { Field: 'Resources.Id' }])).toEqual([
      { Field: 'SeverityLabel', SortOrder: 'asc' },
      { Field: 'ResourceId', SortOrder: 'desc' },
    ]);
  });

  it('rejects an unknown or unsortable field, naming the path', () => {
    expect(() => validateSortCriteria([{ Field: 'UpdatedAt' }, { Field: 'Nope' }])).toThrow('SortCriteria[1].Field Nope is not a sortable');
    expect(() => validateSortCriteria([{ Field: 'ResourceTags' }])).toThrow(InvalidInputError);
    expect(() => validateSortCriteria([{ SortOrder: 'asc' }])).toThrow('SortCriteria[0].Field is required');
  });

  it('rejects a sort order other than asc or desc', () => {
    expect(() => validateSortCriteria([{ Field: 'Title', SortOrder: 'ASC' }])).toThrow('SortCriteria[0].SortOrder must be asc or desc');
  });

  it('rejects criteria that are not a list of objects', () => {
    expect(() => validateSortCriteria({ Field: 'Title' })).toThrow('SortCriteria must be a list');
    expect(() => validateSortCriteria(['Title'])).toThrow('SortCriteria[0] must be an object');
  });
});

describe('compareFindings', () => {
  it('orders dates as instants, whatever their offset or precision', () => {
    const findings = [
      finding({ Id: 'b', UpdatedAt: '2024-06-10T01:30:00+02:00' }), // 2024-06-09T23:30Z
      finding({ Id: 'a', UpdatedAt: '2024-06-10T00:00:00.000000001Z' }),
      finding({ Id: 'c', UpdatedAt: '2024-06-10T00:00:00Z' }),
    ];
    expect(ids(findings, [{ Field: 'UpdatedAt', SortOrder: 'asc' }])).toEqual(['b', 'c', 'a']);
    expect(ids(findings, DEFAULT_SORT)).toEqual(['a', 'c', 'b']);
  });

  it('orders severity by label rank, then normalized score', () => {
    const findings = [
      finding({ Id: 'low', Severity: { Label: 'LOW', Normalized: 30 } }),
      finding({ Id: 'critical', Severity: { Label: 'CRITICAL', Normalized: 90 } }),
      finding({ Id: 'info', Severity: { Label: 'INFORMATIONAL', Normalized: 0 } }),
      finding({ Id: 'high-80', Severity: { Label: 'HIGH', Normalized: 80 } }),
      finding({ Id: 'medium', Severity: { Label: 'MEDIUM', Normalized: 50 } }),
      finding({ Id: 'high-70', Severity: { Label: 'HIGH', Normalized: 70 } }),
    ];
    const expected = ['critical', 'high-80', 'high-70', 'medium', 'low', 'info'];
    expect(ids(findings, [{ Field: 'SeverityLabel', SortOrder: 'desc' }])).toEqual(expected);
    expect(ids(findings, [{ Field: 'SeverityNormalized', SortOrder: 'desc' }])).toEqual(expected);
    expect(ids(findings, [{ Field: 'SeverityLabel', SortOrder: 'asc' }])).toEqual([...expected].reverse());
  });

  it('compares strings by code unit, not locale', () => {
    const findings = [finding({ Id: 'lower', Title: 'apple' }), finding({ Id: 'upper', Title: 'Zebra' })];
    expect(ids(findings, [{ Field: 'Title', SortOrder: 'asc' }])).toEqual(['upper', 'lower']);
  });

  it('compares numbers numerically', () => {
    const findings = [finding({ Id: 'ten', Confidence: 10 }), finding({ Id: 'nine', Confidence: 9 })];
    expect(ids(findings, [{ Field: 'Confidence', SortOrder: 'asc' }])).toEqual(['nine', 'ten']);
  });

  it('sorts a missing value as the smallest', () => {
    const findings = [finding({ Id: 'some', Criticality: 0 }), finding({ Id: 'none' }), finding({ Id: 'no-severity', Severity: undefined })];
    expect(ids(findings, [{ Field: 'Criticality', SortOrder: 'asc' }])).toEqual(['none', 'no-severity', 'some']);
    expect(ids(findings, [{ Field: 'Criticality', SortOrder: 'desc' }])).toEqual(['some', 'none', 'no-severity']);
    expect(ids(findings, [{ Field: 'SeverityLabel', SortOrder: 'asc' }])[0]).toBe('no-severity');
  });

  it('uses the first value of a multi-valued field', () => {
    const findings = [finding({ Id: 'b-first', Resources: [{ Id: 'b' }, { Id: 'a' }] }), finding({ Id: 'a-first', Resources: [{ Id: 'a' }, { Id: 'z' }] })];
    expect(ids(findings, [{ Field: 'ResourceId', SortOrder: 'asc' }])).toEqual(['a-first', 'b-first']);
  });

  it('applies criteria in order', () => {
    const findings = [
      finding({ Id: '1', AwsAccountId: '2', Title: 'a' }),
      finding({ Id: '2', AwsAccountId: '1', Title: 'b' }),
      finding({ Id: '3', AwsAccountId: '1', Title: 'a' }),
    ];
    const criteria: SortCriterion[] = [
      { Field: 'AwsAccountId', SortOrder: 'asc' },
      { Field: 'Title', SortOrder: 'desc' },
    ];
    expect(ids(findings, criteria)).toEqual(['2', '3', '1']);
  });

  it('returns 0 for findings equal on every criterion (the caller breaks ties)', () => {
    expect(compareFindings(finding({ Id: 'x' }), finding({ Id: 'y' }), DEFAULT_SORT)).toBe(0);
  });
});

describe('compileComparator', () => {
  it('orders exactly as compareFindings', () => {
    const label = fc.constantFrom('LOW', 'HIGH', 'CRITICAL', undefined);
    const arbitraryFinding = fc.record({
      Id: fc.string(),
      Title: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
      Confidence: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      UpdatedAt: fc.constantFrom('2024-06-10T00:00:00Z', '2024-06-10T02:00:00+02:00', '2024-06-11T00:00:00.5Z', 'bad'),
      Severity: fc.record({ Label: label, Normalized: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }) }),
    });
    const criterion = fc.record({
      Field: fc.constantFrom('Title', 'Confidence', 'UpdatedAt', 'SeverityLabel', 'Severity.Normalized'),
      SortOrder: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
    });
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 8 }), fc.array(criterion, { maxLength: 3 }), (findings, criteria) => {
        const compiled = compileComparator(criteria);
        return findings.every((a) => findings.every((b) => Math.sign(compiled(a, b)) === Math.sign(compareFindings(a, b, criteria))));
      }),
    );
  });
});
