import { severityRank } from '../asff';
import type { SeverityLabel } from '../asff';
import { toSortableTimestamp } from '../asff';
import { matchesFilters } from '../filters';
import type { AwsSecurityFindingFilters, DateFilter, SortCriterion } from '../filters';
import { indexPartitionKey, SORT_KEY_CEILING, type PartitionValue } from './index-keys';
import { PRIORITY_SORT_FIELD } from '../filters';
import { ENUMERABLE_FIELDS, FINDING_INDEXES, type FindingIndex, type PartitionField } from './table-schema';

/**
 * The query planner: turns GetFindings filters and sort criteria into the cheapest DynamoDB access
 * the findings table's indexes allow. Pure; the executor runs the plan and re-applies every filter
 * to each finding it reads, so a plan only has to return a superset in the right order.
 */

/** Read index partitions and merge them (in the index's order, or all of them for an in-memory sort). */
export interface IndexPlan {
  kind: 'index';
  index: FindingIndex;
  /** Partition key values to query. */
  partitions: string[];
  /** Inclusive sort-key bounds from filters (UpdatedAt range, severity labels). */
  lower?: string;
  upper?: string;
  /** Direction to read the index in. */
  ascending: boolean;
  /** True when the index order is the requested order: pages stream and stop early. */
  servesOrder: boolean;
}

/** No index narrows the query and none serves the order: read the table, sort in memory. */
export interface ScanPlan {
  kind: 'scan';
}

/** How one GetFindings query is answered. */
export type QueryPlan = IndexPlan | ScanPlan;

/** Relative selectivity of a filter on a partition field (higher narrows more). */
const SELECTIVITY: Record<PartitionField, number> = {
  Id: 100,
  ResourceId: 90,
  GeneratorId: 80,
  ComplianceSecurityControlId: 80,
  AwsAccountId: 60,
  ProductName: 30,
  Region: 30,
  SeverityLabel: 30,
  ComplianceStatus: 25,
  WorkflowStatus: 15,
  RecordState: 5,
};
const ORDER_BONUS = 40;
const RANGE_BONUS = 20;
const MAX_PARTITIONS = 256;

/**
 * A one-field finding, to test an enumerable value against that field's filters with the real
 * matcher (`null`: a finding without the field).
 */
const PROBE: Partial<Record<PartitionField, (value: string) => Record<string, unknown>>> = {
  RecordState: (value) => ({ RecordState: value }),
  WorkflowStatus: (value) => ({ Workflow: { Status: value } }),
  SeverityLabel: (value) => ({ Severity: { Label: value } }),
  ComplianceStatus: (value) => ({ Compliance: { Status: value } }),
};

/** Fields the store fills on every finding: no finding is keyed under `null` for them. */
const STORE_FILLED = new Set<PartitionField>(['RecordState', 'WorkflowStatus', 'SeverityLabel']);

const SEVERITY_SORT_FIELDS = new Set(['SeverityLabel', 'SeverityNormalized']);

type StringFilterList = Array<{ Value?: string; Comparison?: string }>;

function filterOn(filters: AwsSecurityFindingFilters, field: string): StringFilterList | undefined {
  const list = (filters as Record<string, StringFilterList | undefined>)[field];
  return list && list.length > 0 ? list : undefined;
}

interface Binding {
  values: PartitionValue[];
  /** True when a filter narrowed the values (not just the enumerated domain). */
  narrowed: boolean;
}

/** The partition values a query must read for one field, or undefined when the field cannot be bound. */
function bindField(field: PartitionField, filters: AwsSecurityFindingFilters, now: Date): Binding | undefined {
  const list = filterOn(filters, field);
  if (list?.every((filter) => filter.Comparison === 'EQUALS')) {
    return { values: [...new Set(list.map((filter) => filter.Value as string))], narrowed: true };
  }
  const probe = PROBE[field];
  const known = ENUMERABLE_FIELDS[field];
  if (!known || !probe) return undefined;
  const domain: PartitionValue[] = STORE_FILLED.has(field) ? [...known] : [...known, null];
  if (!list) return { values: domain, narrowed: false };
  const only = { [field]: list } as AwsSecurityFindingFilters;
  const values = domain.filter((value) => matchesFilters(value === null ? {} : probe(value), only, now));
  return { values, narrowed: values.length < domain.length };
}

function cartesian(lists: PartitionValue[][]): PartitionValue[][] {
  return lists.reduce<PartitionValue[][]>((rows, list) => rows.flatMap((row) => list.map((value) => [...row, value])), [[]]);
}

/** Inclusive UpdatedAt bounds from a single UpdatedAt date filter. */
function updatedAtBounds(filters: AwsSecurityFindingFilters, now: Date): { lower?: string; upper?: string } {
  const list = (filters as Record<string, unknown[] | undefined>).UpdatedAt;
  if (list?.length !== 1) return {};
  const filter = list[0] as DateFilter;
  if (filter.DateRange) {
    const edge = toSortableTimestamp(new Date(now.getTime() - (filter.DateRange.Value ?? 0) * 86_400_000).toISOString());
    return filter.DateRange.Comparison === 'OLDER_THAN' ? { upper: `${edge}#${SORT_KEY_CEILING}` } : { lower: edge };
  }
  return {
    ...(filter.Start && { lower: toSortableTimestamp(filter.Start) }),
    ...(filter.End && { upper: `${toSortableTimestamp(filter.End)}#${SORT_KEY_CEILING}` }),
  };
}

/** Inclusive severity-order bounds from the SeverityLabel values a query may match. */
function severityBounds(labels: PartitionValue[]): { lower?: string; upper?: string } {
  const ranks = labels
    .filter((label) => label !== null)
    .map((label) => severityRank(label as SeverityLabel))
    .filter((rank) => rank >= 0);
  if (ranks.length === 0) return {};
  return { lower: String(Math.min(...ranks)), upper: `${Math.max(...ranks)}${SORT_KEY_CEILING}` };
}

interface Candidate {
  plan: IndexPlan;
  score: number;
}

function candidateFor(index: FindingIndex, filters: AwsSecurityFindingFilters, sort: SortCriterion[], now: Date): Candidate | undefined {
  let score = 0;
  const lists: PartitionValue[][] = [];
  for (const field of index.partition) {
    const binding = bindField(field, filters, now);
    if (!binding) return undefined;
    if (binding.narrowed) score += SELECTIVITY[field];
    lists.push(binding.values);
  }
  const shards = Array.from({ length: index.shards }, (_, shard) => shard);
  const partitions = cartesian(lists).flatMap((values) => shards.map((shard) => indexPartitionKey(values, shard)));
  if (partitions.length > MAX_PARTITIONS) return undefined;

  let bounds: { lower?: string; upper?: string } = {};
  if (index.order === 'UpdatedAt') bounds = updatedAtBounds(filters, now);
  else if (index.order === 'Severity') {
    const severity = bindField('SeverityLabel', filters, now);
    if (severity?.narrowed) {
      bounds = severityBounds(severity.values);
      score += SELECTIVITY.SeverityLabel;
    }
  }
  if (bounds.lower !== undefined || bounds.upper !== undefined) score += index.order === 'UpdatedAt' ? RANGE_BONUS : 0;

  const primary = sort[0];
  const servesOrder =
    sort.length === 1 &&
    ((index.order === 'UpdatedAt' && primary.Field === 'UpdatedAt') ||
      (index.order === 'Severity' && SEVERITY_SORT_FIELDS.has(primary.Field ?? '')) ||
      (index.order === 'Priority' && primary.Field === PRIORITY_SORT_FIELD));
  if (servesOrder) score += ORDER_BONUS;
  // Among equals, fewer partitions to fan out over wins.
  score -= partitions.length / (MAX_PARTITIONS * 2);
  return {
    plan: { kind: 'index', index, partitions, ...bounds, ascending: primary.SortOrder === 'asc', servesOrder },
    score,
  };
}

/** Plans a GetFindings query over validated filters and sort criteria (at least one criterion). */
export function planQuery(filters: AwsSecurityFindingFilters, sort: SortCriterion[], now: Date): QueryPlan {
  let best: Candidate | undefined;
  for (const index of FINDING_INDEXES) {
    const candidate = candidateFor(index, filters, sort, now);
    if (candidate && (!best || candidate.score > best.score)) best = candidate;
  }
  // Reading every partition of an index, then sorting in memory, is a scan with extra steps.
  if (!best || (!best.plan.servesOrder && best.score <= 0)) return { kind: 'scan' };
  return best.plan;
}
