/** The console's filter bar language (console/src/filters.ts): what it adds is what GetFindings accepts. */
import { validateFilters } from '../../../lambdas/filters';
import {
  addCondition,
  comparisonsFor,
  conditionViews,
  decodeFilters,
  DEFAULT_FILTERS,
  encodeFilters,
  FILTER_KEYS,
  GROUP_BY_KEYS,
  kindOfField,
  removeCondition,
} from '../../../console/src/filters';

const SAMPLE: Record<string, string> = { string: 'x', number: '5', date: '7', boolean: 'true', map: 'k=v', ip: '10.0.0.0/8', keyword: 'x' };

describe('console filters', () => {
  it('offers every field of the API registry, and every group-by attribute is a string field', () => {
    expect(FILTER_KEYS).toContain('SeverityLabel');
    expect(FILTER_KEYS).toContain('ComplianceSecurityControlId');
    expect(GROUP_BY_KEYS.every((key) => kindOfField(key) === 'string')).toBe(true);
  });

  it('builds, for every field and comparison it offers, a condition the API validator accepts', () => {
    for (const field of FILTER_KEYS) {
      for (const comparison of comparisonsFor(kindOfField(field))) {
        const value = comparison === 'Start' || comparison === 'End' ? '2026-01-01T00:00:00Z' : SAMPLE[kindOfField(field)];
        const filters = addCondition({}, field, comparison, value);
        expect(() => validateFilters(filters)).not.toThrow();
      }
    }
  });

  it('adds conditions of the right shape per kind', () => {
    expect(addCondition({}, 'SeverityLabel', 'EQUALS', ' HIGH ')).toEqual({ SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] });
    expect(addCondition({}, 'Criticality', 'Gte', '70')).toEqual({ Criticality: [{ Gte: 70 }] });
    expect(addCondition({}, 'UpdatedAt', 'WITHIN_DAYS', '7')).toEqual({ UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] });
    expect(addCondition({}, 'CreatedAt', 'OLDER_THAN_DAYS', '1')).toEqual({ CreatedAt: [{ DateRange: { Value: 1, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] });
    expect(addCondition({}, 'ResourceTags', 'EQUALS', 'env=prod')).toEqual({ ResourceTags: [{ Key: 'env', Value: 'prod', Comparison: 'EQUALS' }] });
  });

  it('refuses bad input with a message naming the field', () => {
    expect(() => addCondition({}, 'Criticality', 'Gte', 'high')).toThrow("Criticality: 'high' is not a number");
    expect(() => addCondition({}, 'SeverityLabel', 'Gte', '1')).toThrow("SeverityLabel: 'Gte' is not a comparison of a string field");
    expect(() => addCondition({}, 'ResourceTags', 'EQUALS', 'novalue')).toThrow('ResourceTags: write key=value');
    expect(() => addCondition({}, 'Title', 'EQUALS', '  ')).toThrow('Title: a value is required');
  });

  it('removes one condition, and the field with its last one', () => {
    const two = addCondition(addCondition({}, 'Region', 'EQUALS', 'a'), 'Region', 'EQUALS', 'b');
    expect(removeCondition(two, 'Region', 0)).toEqual({ Region: [{ Value: 'b', Comparison: 'EQUALS' }] });
    expect(removeCondition(removeCondition(two, 'Region', 0), 'Region', 0)).toEqual({});
  });

  it('describes conditions as chips and round-trips through the URL', () => {
    expect(conditionViews(DEFAULT_FILTERS).map((chip) => chip.text)).toEqual(['RecordState is ACTIVE', 'WorkflowStatus is NEW', 'WorkflowStatus is NOTIFIED']);
    expect(decodeFilters(encodeFilters(DEFAULT_FILTERS))).toEqual(DEFAULT_FILTERS);
    expect(decodeFilters(null)).toBeUndefined();
    expect(() => decodeFilters('{"Nope":[]}')).toThrow("unknown field 'Nope'");
    expect(() => decodeFilters('{')).toThrow("'f' is not JSON");
  });
});
