/**
 * Remediation records on the findings table: one item per execution under `pk = REM#record`,
 * `sk = <remediationId>` (the execution's name), no index attributes. One partition: executions are
 * rate-limited per account (tens per hour), and listing reads it with the filters applied; a GSI is
 * the path if that ever grows past a few thousand live records. Status changes are single-item
 * conditional writes on the status read (no transactions).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError, ResourceConflictError, ResourceNotFoundError } from '../../shared/errors';
import { findingKey } from '../../store';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, isConditionFailure, itemKey } from '../../store';
import type { RemediationRecord } from '../contract';

const RECORDS_PK = ITEM_KINDS.remediationRecord.pk.fixed;

/** A record with what the app keeps beside the contract's fields. */
export interface StoredRemediationRecord extends RemediationRecord {
  /** The finding's Workflow.Status before Check set NOTIFIED (restored when nothing was fixed). */
  workflowBefore?: string;
  /** Step Functions task token while AWAITING_APPROVAL. */
  taskToken?: string;
  /** Who approved or rejected, when, and why. */
  decision?: { approved: boolean; by: string; at: string; reason?: string };
  /** Account the target is in (for listing and the rate limit). */
  accountId?: string;
  resourceArn?: string;
  dryRun?: boolean;
}

/** Filters of {@link RemediationRecordStore.list}. */
export interface RecordFilters {
  status?: RemediationRecord['status'];
  finding?: { Id: string; ProductArn: string };
}

/** What the record store offers the tasks, the API and the dispatcher. */
export interface RemediationRecordRepository {
  /** Creates the record; resolves `false` when one with this id already exists (a redelivered Check). */
  create(record: StoredRemediationRecord): Promise<boolean>;
  get(remediationId: string): Promise<StoredRemediationRecord | undefined>;
  /** Changes members of a record whose status is one of `from`; ResourceConflictError otherwise. */
  transition(
    remediationId: string,
    from: ReadonlyArray<RemediationRecord['status']>,
    change: Partial<StoredRemediationRecord>,
    remove?: Array<keyof StoredRemediationRecord>,
  ): Promise<StoredRemediationRecord>;
  list(filters: RecordFilters, page: { limit: number; nextToken?: string }): Promise<{ records: StoredRemediationRecord[]; nextToken?: string }>;
  /** Records of a finding (newest first), e.g. for the closed loop. */
  ofFinding(finding: { Id: string; ProductArn: string }): Promise<StoredRemediationRecord[]>;
}

function toRecord(item: Record<string, unknown>): StoredRemediationRecord {
  const { [TABLE_KEYS.partitionKey]: _pk, [TABLE_KEYS.sortKey]: _sk, findingKey: _findingKey, ...record } = item;
  return record as unknown as StoredRemediationRecord;
}

function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(JSON.stringify(key[TABLE_KEYS.sortKey])).toString('base64url');
}

function decodeToken(token: string | undefined): Record<string, unknown> | undefined {
  if (token === undefined) return undefined;
  try {
    const sk = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof sk === 'string') return itemKey(ITEM_KINDS.remediationRecord, [], [sk]);
  } catch {
    // answered below
  }
  throw new InvalidInputError(`Invalid parameter 'NextToken': not a token of this operation.`);
}

/** {@link RemediationRecordRepository} on the findings table. */
export class DynamoRemediationRecordStore implements RemediationRecordRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private key(remediationId: string) {
    return itemKey(ITEM_KINDS.remediationRecord, [], [remediationId]);
  }

  async create(record: StoredRemediationRecord): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...this.key(record.remediationId), ...record, findingKey: findingKey(record.finding) },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
  }

  async get(remediationId: string): Promise<StoredRemediationRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: this.key(remediationId), ConsistentRead: true }));
    return Item === undefined ? undefined : toRecord(Item);
  }

  async transition(
    remediationId: string,
    from: ReadonlyArray<RemediationRecord['status']>,
    change: Partial<StoredRemediationRecord>,
    remove: Array<keyof StoredRemediationRecord> = [],
  ): Promise<StoredRemediationRecord> {
    const names: Record<string, string> = { '#pk': TABLE_KEYS.partitionKey, '#status': 'status' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    Object.entries(change).forEach(([member, value], index) => {
      names[`#m${index}`] = member;
      values[`:m${index}`] = value;
      sets.push(`#m${index} = :m${index}`);
    });
    remove.forEach((member, index) => {
      names[`#r${index}`] = member;
    });
    from.forEach((status, index) => {
      values[`:from${index}`] = status;
    });
    const update = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', remove.length > 0 ? `REMOVE ${remove.map((_, index) => `#r${index}`).join(', ')}` : ''].join(' ').trim();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(remediationId),
          UpdateExpression: update,
          ConditionExpression: `attribute_exists(#pk) AND #status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRecord(Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(remediationId);
      if (current === undefined) throw new ResourceNotFoundError(`No remediation ${remediationId}.`);
      throw new ResourceConflictError(`Remediation ${remediationId} is ${current.status}, not ${from.join(' or ')}.`);
    }
  }

  async list(filters: RecordFilters, page: { limit: number; nextToken?: string }) {
    const records: StoredRemediationRecord[] = [];
    let start = decodeToken(page.nextToken);
    const names: Record<string, string> = { '#pk': TABLE_KEYS.partitionKey };
    const values: Record<string, unknown> = { ':pk': RECORDS_PK };
    const conditions: string[] = [];
    if (filters.status !== undefined) {
      names['#status'] = 'status';
      values[':status'] = filters.status;
      conditions.push('#status = :status');
    }
    if (filters.finding !== undefined) {
      names['#findingKey'] = 'findingKey';
      values[':findingKey'] = findingKey(filters.finding);
      conditions.push('#findingKey = :findingKey');
    }
    let last: Record<string, unknown> | undefined;
    do {
      const answer = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk',
          ...(conditions.length > 0 && { FilterExpression: conditions.join(' AND ') }),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
          ScanIndexForward: false,
          Limit: page.limit - records.length,
        }),
      );
      records.push(...(answer.Items ?? []).map(toRecord));
      last = answer.LastEvaluatedKey;
      start = last;
    } while (last !== undefined && records.length < page.limit);
    return { records, ...(last !== undefined && { nextToken: encodeToken(last) }) };
  }

  async ofFinding(finding: { Id: string; ProductArn: string }): Promise<StoredRemediationRecord[]> {
    const all: StoredRemediationRecord[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.list({ finding }, { limit: 100, nextToken });
      all.push(...page.records);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return all;
  }
}
