/**
 * Grouping an insight's findings: which attributes an insight may group by, and the counts
 * GetInsightResults returns. Pure: reads findings through the filter-field registry.
 */
import { InvalidInputError } from '../../shared/errors';
import { FILTER_FIELDS, readerOf } from '../../filters';
import type { FilterKey } from '../../filters';

/** A filter attribute of kind `string`: the values an insight can be grouped by. */
export type GroupByAttribute = FilterKey;

/**
 * Every attribute an insight may group by: the string attributes of `AwsSecurityFindingFilters`
 * (`AwsAccountId`, `ResourceId`, `ResourceType`, `SeverityLabel`, `ProductArn`, `ProductName`,
 * `Type`, `ComplianceStatus`, `WorkflowStatus`, `ResourceAwsEc2InstanceImageId`…), read through the
 * filter-field registry. Security Hub does not publish the list; its managed insights group by
 * attributes from exactly this set. Map, number, date, IP and keyword attributes have no single
 * value to group by and are refused.
 */
export const GROUP_BY_ATTRIBUTES: readonly GroupByAttribute[] = (Object.keys(FILTER_FIELDS) as FilterKey[]).filter((key) => FILTER_FIELDS[key][0] === 'string');

const ALLOWED = new Set<string>(GROUP_BY_ATTRIBUTES);

/** Most result values GetInsightResults returns (Security Hub: the top 100). */
export const MAX_RESULT_VALUES = 100;

/** One group of an insight's results. */
export interface InsightResultValue {
  GroupByAttributeValue: string;
  Count: number;
}

/** The attribute, if an insight may group by it; else `InvalidInputError` naming the member. */
export function validateGroupByAttribute(attribute: string, path = 'GroupByAttribute'): GroupByAttribute {
  if (!ALLOWED.has(attribute)) {
    throw new InvalidInputError(
      `Invalid parameter '${path}': '${attribute}' is not an attribute insights can group by (string attributes of AwsSecurityFindingFilters, e.g. ResourceId, AwsAccountId, SeverityLabel).`,
    );
  }
  return attribute as GroupByAttribute;
}

/**
 * Counts findings per value of an attribute, a page at a time (it holds the counts, not the
 * findings): a finding counts once under each distinct value it has (a finding on two resources
 * counts for both, as Security Hub's resource insights do), and not at all when it has none.
 */
export class GroupCounter {
  private readonly read: ReturnType<typeof readerOf>;
  private readonly counts = new Map<string, number>();
  /** Findings counted. */
  seen = 0;

  constructor(attribute: GroupByAttribute) {
    this.read = readerOf(attribute);
  }

  add(findings: Iterable<object>): void {
    for (const finding of findings) {
      this.seen++;
      const values = new Set(this.read(finding).filter((value): value is string => typeof value === 'string'));
      for (const value of values) this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    }
  }

  /** Sorted by count, highest first (ties by value, so the order is stable), cut to the top `limit`. */
  top(limit = MAX_RESULT_VALUES): InsightResultValue[] {
    return [...this.counts]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([GroupByAttributeValue, Count]) => ({ GroupByAttributeValue, Count }));
  }
}

/** {@link GroupCounter} over findings in hand: the top `limit` values and their counts. */
export function groupCounts(findings: Iterable<object>, attribute: GroupByAttribute, limit = MAX_RESULT_VALUES): InsightResultValue[] {
  const counter = new GroupCounter(attribute);
  counter.add(findings);
  return counter.top(limit);
}
