/**
 * The findings table's layout: its keys and the secondary indexes the query planner uses.
 * One registry read by the CDK construct, the embedded default's table bootstrap and the store,
 * so the three cannot drift apart.
 *
 * The kinds of item the table holds (findings, their history and resource links, and every other
 * domain's items) and their key shapes are registered in ./item-kinds.ts.
 */

/** Filter fields that can form part of an index's partition key. */
export type PartitionField =
  | 'RecordState'
  | 'WorkflowStatus'
  | 'SeverityLabel'
  | 'ComplianceStatus'
  | 'AwsAccountId'
  | 'Region'
  | 'ProductName'
  | 'GeneratorId'
  | 'ComplianceSecurityControlId'
  | 'ResourceId'
  | 'Id';

/** How an index orders findings inside a partition. */
export type IndexOrder = 'UpdatedAt' | 'Severity' | 'Priority';

/** One global secondary index of the findings table. */
export interface FindingIndex {
  /** GSI name; its key attributes are `<name>_pk` and `<name>_sk`. */
  readonly name: string;
  /** Filter fields whose values make up the partition key, in order. */
  readonly partition: readonly PartitionField[];
  /**
   * Write shards per partition value. Low-cardinality keys (RecordState, Workflow, Severity) would
   * be hot partitions at organization scale: each value is spread over this many partitions and
   * queries fan out over them and merge. 4 shards give one value ~4,000 index writes a second
   * (1,000 WCU per partition); a query reads at most 2 × 4 × 4 = 32 partitions.
   */
  readonly shards: number;
  /** What the index's sort key orders by (ties broken by finding key). */
  readonly order: IndexOrder;
}

/** Every `Compliance.Status` a finding can have (ASFF's enumeration). */
export const COMPLIANCE_STATUSES = ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'] as const;

/**
 * Values a partition field can take where the set is closed, so a query may enumerate it. A finding
 * without such a field is keyed under `null`, which enumeration includes.
 */
export const ENUMERABLE_FIELDS: Partial<Record<PartitionField, readonly string[]>> = {
  RecordState: ['ACTIVE', 'ARCHIVED'],
  WorkflowStatus: ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'],
  SeverityLabel: ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
  ComplianceStatus: COMPLIANCE_STATUSES,
};

/** The findings table's indexes. Adding one here adds it to the stack, the local table and the planner. */
export const FINDING_INDEXES: readonly FindingIndex[] = [
  { name: 'ByStateUpdated', partition: ['RecordState', 'WorkflowStatus'], shards: 4, order: 'UpdatedAt' },
  { name: 'ByStateSeverity', partition: ['RecordState', 'WorkflowStatus'], shards: 4, order: 'Severity' },
  // The responder's default view: open findings (ACTIVE, NEW/NOTIFIED), highest priority first.
  { name: 'ByPriority', partition: ['RecordState', 'WorkflowStatus'], shards: 4, order: 'Priority' },
  { name: 'BySeverity', partition: ['RecordState', 'SeverityLabel'], shards: 4, order: 'UpdatedAt' },
  { name: 'ByCompliance', partition: ['RecordState', 'ComplianceStatus'], shards: 4, order: 'UpdatedAt' },
  // Account, Region and product queries usually narrow by severity or workflow too: those
  // enumerable dimensions are part of the key, so the index reads only what such a query returns.
  { name: 'ByAccount', partition: ['AwsAccountId', 'RecordState', 'SeverityLabel'], shards: 1, order: 'UpdatedAt' },
  { name: 'ByRegion', partition: ['Region', 'RecordState', 'WorkflowStatus'], shards: 2, order: 'UpdatedAt' },
  { name: 'ByProduct', partition: ['ProductName', 'RecordState', 'SeverityLabel'], shards: 2, order: 'UpdatedAt' },
  { name: 'ByGenerator', partition: ['GeneratorId', 'RecordState'], shards: 1, order: 'UpdatedAt' },
  { name: 'ByControl', partition: ['ComplianceSecurityControlId', 'RecordState', 'ComplianceStatus'], shards: 1, order: 'UpdatedAt' },
  { name: 'ByResource', partition: ['ResourceId', 'RecordState'], shards: 1, order: 'UpdatedAt' },
  { name: 'ById', partition: ['Id'], shards: 1, order: 'UpdatedAt' },
];

/** Key attribute names of the findings table. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL deletes after it (within days), queries exclude it at once. */
  expiresAt: 'expiresAt',
} as const;

/** The key attribute names of an index. */
export function indexKeyNames(index: FindingIndex): { pk: string; sk: string } {
  return { pk: `${index.name}_pk`, sk: `${index.name}_sk` };
}
