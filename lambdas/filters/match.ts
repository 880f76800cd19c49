import { compileCondition, type ValuesTest } from './conditions';
import { kindOf, readerOf, type ValueReader } from './fields';
import type { AwsSecurityFindingFilters, FilterKey } from './types';

/** A compiled filter set: true when the finding matches. */
export type FindingPredicate = (finding: object) => boolean;

interface AttributeTest {
  readonly read: ValueReader;
  readonly test: ValuesTest;
}

/**
 * Compiles filters (already checked by `validateFilters`) once, for testing many findings.
 *
 * Semantics, per Security Hub's documentation of `StringFilter` and `MapFilter`:
 * - attributes are ANDed; an absent or empty attribute is no condition;
 * - within a string or map attribute, `EQUALS` / `PREFIX` / `CONTAINS` are ORed and
 *   `NOT_EQUALS` / `PREFIX_NOT_EQUALS` / `NOT_CONTAINS` are ANDed, the positive ones applied first;
 * - multi-valued attributes (`ResourceId`, `Type`, `ResourceTags`…): a positive condition holds when
 *   any value satisfies it; a negative condition fails when any value hits it (`ResourceId NOT_EQUALS x`
 *   drops every finding that has a resource `x`);
 * - a missing value never satisfies a positive condition and always satisfies a negative one;
 * - entries of a number, date, IP, boolean or keyword attribute are ORed; within one entry every
 *   bound holds for the same value; an absent `Sample` reads as `false`;
 * - `DateRange` is relative to `now`: `WITHIN n DAYS` is at or after `now - n days` (no upper bound,
 *   so clock skew does not hide a finding); `OLDER_THAN n DAYS` is before it.
 */
export function compileFilters(filters: AwsSecurityFindingFilters, now: Date): FindingPredicate {
  const tests: AttributeTest[] = [];
  for (const [key, conditions] of Object.entries(filters) as [FilterKey, unknown[] | undefined][]) {
    if (!conditions || conditions.length === 0) continue;
    const kind = kindOf(key);
    tests.push({ read: readerOf(key), test: compileCondition(kind, conditions as never, now) });
  }
  return (finding) => tests.every(({ read, test }) => test(read(finding)));
}

/** True when the finding matches the filters at `now` (see `compileFilters` for the semantics). */
export function matchesFilters(finding: object, filters: AwsSecurityFindingFilters, now: Date): boolean {
  return compileFilters(filters, now)(finding);
}
