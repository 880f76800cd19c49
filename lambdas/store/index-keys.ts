import type { AwsSecurityFinding } from '../asff';
import { severityRank } from '../asff';
import { toSortableTimestamp } from '../asff';
import { valuesOf } from '../filters';
import { storedPriority } from '../filters';
import { shardOf } from './keys';
import { ENUMERABLE_FIELDS, FINDING_INDEXES, indexKeyNames, type FindingIndex, type IndexOrder, type PartitionField } from './table-schema';

/** The character after every finding-key character: closes sort-key ranges (`<value>#~`). */
export const SORT_KEY_CEILING = '~';

/**
 * A component of an index partition key: the field's value, or `null` for an enumerable field the
 * finding lacks (so a query that enumerates the field still finds it).
 */
export type PartitionValue = string | null;

/** Partition key of an index: the component values and the shard, unambiguous whatever the values hold. */
export function indexPartitionKey(values: readonly PartitionValue[], shard: number): string {
  return JSON.stringify([...values, shard]);
}

/** The order-preserving, fixed-width prefix of an index sort key for a finding. */
export function indexOrderValue(order: IndexOrder, finding: AwsSecurityFinding): string {
  if (order === 'UpdatedAt') return toSortableTimestamp(finding.UpdatedAt);
  if (order === 'Priority') {
    // '' sorts before '000': a finding without a priority is the lowest, as the in-memory sort has it.
    const priority = storedPriority(finding);
    return priority === undefined ? '' : String(priority).padStart(3, '0');
  }
  const severity = finding.Severity ?? {};
  const normalized = Math.max(0, Math.min(100, Math.round(severity.Normalized ?? 0)));
  return `${severityRank(severity.Label ?? 'INFORMATIONAL')}${String(normalized).padStart(3, '0')}`;
}

/** An index sort key: order value, then finding key (a total order, ties broken by key). */
export function indexSortKey(orderValue: string, key: string): string {
  return `${orderValue}#${key}`;
}

/** The finding key at the end of an index sort key. */
export function keyOfSortKey(sortKey: string): string {
  return sortKey.slice(sortKey.lastIndexOf('#') + 1);
}

function firstValue(finding: AwsSecurityFinding, field: PartitionField): string | undefined {
  const value = valuesOf(finding, field)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function indexAttributes(index: FindingIndex, key: string, finding: AwsSecurityFinding, fieldValue: (field: PartitionField) => string | undefined): Record<string, string> {
  const values: PartitionValue[] = [];
  for (const field of index.partition) {
    const value = fieldValue(field);
    if (value !== undefined) values.push(value);
    else if (ENUMERABLE_FIELDS[field]) values.push(null);
    else return {}; // sparse: a finding without the value is not in this index
  }
  const names = indexKeyNames(index);
  return {
    [names.pk]: indexPartitionKey(values, shardOf(key, index.shards)),
    [names.sk]: indexSortKey(indexOrderValue(index.order, finding), key),
  };
}

/** Index key attributes of the item that holds the finding (its first resource stands for ResourceId). */
export function findingIndexAttributes(key: string, finding: AwsSecurityFinding): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const index of FINDING_INDEXES) {
    Object.assign(
      attributes,
      indexAttributes(index, key, finding, (field) => firstValue(finding, field)),
    );
  }
  return attributes;
}

/**
 * Index key attributes of the link item for `Resources[resourceIndex]` (1 and up): only indexes keyed
 * by ResourceId, so a query on any of a finding's resources finds it.
 */
export function resourceLinkIndexAttributes(key: string, finding: AwsSecurityFinding, resourceIndex: number): Record<string, string> {
  const resourceId = finding.Resources?.[resourceIndex]?.Id;
  const attributes: Record<string, string> = {};
  for (const index of FINDING_INDEXES.filter((candidate) => candidate.partition.includes('ResourceId'))) {
    const fieldValue = (field: PartitionField) => (field === 'ResourceId' ? resourceId : firstValue(finding, field));
    Object.assign(attributes, indexAttributes(index, key, finding, fieldValue));
  }
  return attributes;
}
