/**
 * Alert decisions on the findings table, one item per finding version that a rule decided:
 * `pk = ALERTDECISION#<finding key>`, `sk = V#<version, 12 digits>`. Each says which rule sent or
 * held the finding and why (read back by `explain-alert`), and doubles as the **outbox** of the
 * alert it sends: the message is stored, claimed (`publishing`, with a short lease) before it is
 * published and marked `sent` after, so a crash before publishing is published by the retry, and
 * a redelivered event never publishes a `sent` alert again. `expiresAt`: 30 days (TTL).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, isConditionFailure, itemKey } from '../../store';
import { findingKeyOf } from './grouping';
import type { AlertMessage } from './message';

/** How long a decision stays explainable. */
const RETENTION_SECONDS = 30 * 86_400;
/** How long a publisher holds its claim on an alert before a retry may publish it. */
export const CLAIM_MS = 30_000;

/** What one group said about the finding. */
export interface GroupDecision {
  account: string;
  resourceId: string;
  send: boolean;
  rule: string;
  reason: string;
  /** Findings in the group's window once this one was counted. */
  count: number;
  openedAt: string;
  previousHighest: string;
}

/** One stored decision. */
export interface AlertDecisionRecord {
  findingId: string;
  productArn: string;
  version: number;
  decidedAt: string;
  /** True when an alert was (or is being) sent for this version. */
  alert: boolean;
  /** `held`: no alert; `publishing`: claimed or to publish; `sent`: published. */
  status: 'held' | 'publishing' | 'sent';
  /** The rule that decided: a policy rule (`below-threshold`, `new` …) or a group rule (`new-kind`, `grouped` …). */
  rule: string;
  reason: string;
  /** The stateless policy's rule and why (before grouping). */
  policy: { rule: string; reason: string };
  /** Each resource group's verdict (when the finding reached grouping). */
  groups?: GroupDecision[];
  /** The idempotency key carried to SNS (attribute `alertId`). */
  alertId?: string;
  message?: AlertMessage;
  claimedUntil?: number;
  sentAt?: string;
}

/** The decision store the router and `explain-alert` need. */
export interface AlertDecisions {
  get(finding: { Id: string; ProductArn: string }, version: number): Promise<AlertDecisionRecord | undefined>;
  /** Stores a decision unless one exists for the version; answers the stored one either way. */
  create(record: AlertDecisionRecord, now: Date): Promise<AlertDecisionRecord>;
  /** Claims a `publishing` alert whose claim is free or expired; false when sent or claimed by another. */
  claim(record: AlertDecisionRecord, now: Date): Promise<boolean>;
  /** Frees a claim after a failed publish, so the retry need not wait for the lease. */
  release(record: AlertDecisionRecord): Promise<void>;
  markSent(record: AlertDecisionRecord, now: Date): Promise<void>;
  /** The finding's decisions, newest version first. */
  list(finding: { Id: string; ProductArn: string }, limit: number): Promise<AlertDecisionRecord[]>;
}

const partitionOf = (finding: { Id: string; ProductArn: string }) => ITEM_KINDS.alertDecision.pk.build(findingKeyOf(finding));

function keyOf(finding: { Id: string; ProductArn: string }, version: number): Record<string, string> {
  return itemKey(ITEM_KINDS.alertDecision, [findingKeyOf(finding)], [String(version).padStart(12, '0')]);
}

function recordOf(item: Record<string, unknown> | undefined): AlertDecisionRecord | undefined {
  if (item === undefined) return undefined;
  const { [TABLE_KEYS.partitionKey]: _pk, [TABLE_KEYS.sortKey]: _sk, [TABLE_KEYS.expiresAt]: _expires, ...record } = item;
  return record as unknown as AlertDecisionRecord;
}

/** {@link AlertDecisions} on the findings table. */
export class DynamoAlertDecisions implements AlertDecisions {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private key(record: Pick<AlertDecisionRecord, 'findingId' | 'productArn' | 'version'>) {
    return keyOf({ Id: record.findingId, ProductArn: record.productArn }, record.version);
  }

  async get(finding: { Id: string; ProductArn: string }, version: number): Promise<AlertDecisionRecord | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keyOf(finding, version), ConsistentRead: true }));
    return recordOf(result.Item);
  }

  async create(record: AlertDecisionRecord, now: Date): Promise<AlertDecisionRecord> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(record), ...record, [TABLE_KEYS.expiresAt]: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get({ Id: record.findingId, ProductArn: record.productArn }, record.version);
      if (stored === undefined) throw error;
      return stored;
    }
  }

  async claim(record: AlertDecisionRecord, now: Date): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(record),
          UpdateExpression: 'SET #claimedUntil = :until',
          ConditionExpression: '#status = :publishing AND (attribute_not_exists(#claimedUntil) OR #claimedUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status', '#claimedUntil': 'claimedUntil' },
          ExpressionAttributeValues: { ':publishing': 'publishing', ':now': now.getTime(), ':until': now.getTime() + CLAIM_MS },
        }),
      ),
    );
  }

  async release(record: AlertDecisionRecord): Promise<void> {
    await ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(record),
          UpdateExpression: 'SET #claimedUntil = :zero',
          ConditionExpression: '#status = :publishing',
          ExpressionAttributeNames: { '#status': 'status', '#claimedUntil': 'claimedUntil' },
          ExpressionAttributeValues: { ':publishing': 'publishing', ':zero': 0 },
        }),
      ),
    ); // false: sent meanwhile, nothing to free
  }

  async markSent(record: AlertDecisionRecord, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(record),
        UpdateExpression: 'SET #status = :sent, #sentAt = :at REMOVE #claimedUntil',
        ExpressionAttributeNames: { '#status': 'status', '#sentAt': 'sentAt', '#claimedUntil': 'claimedUntil' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': now.toISOString() },
      }),
    );
  }

  async list(finding: { Id: string; ProductArn: string }, limit: number): Promise<AlertDecisionRecord[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':pk': partitionOf(finding) },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => recordOf(item)!);
  }
}
