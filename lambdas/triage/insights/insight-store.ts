/**
 * Custom insights on the findings table, under their own partition `pk` = `INS#custom`. The
 * partition has exactly {@link MAX_CUSTOM_INSIGHTS} slots (`sk` = `SLOT#000` … `SLOT#099`); an
 * insight lives in one slot, claimed with a conditional put (`attribute_not_exists`). So the limit
 * of 100 holds under any concurrency without transactions or a counter that a crash could leave
 * wrong: a 101st insight finds no free slot. Updates and deletes are conditional on the slot still
 * holding that insight (and, for updates, on its version). The items carry no index attributes and
 * their `sk` is not a finding's, so neither the indexes nor the planner's scan see them.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CONFLICT, ITEM_KINDS, TABLE_KEYS, VersionedItems, ifCondition, readPartition, retryOnConflict } from '../../store';
import { conflictBackoff } from '../../shared/backoff';
import { InvalidInputError, LimitExceededError, ResourceNotFoundError } from '../../shared/errors';
import { MAX_CUSTOM_INSIGHTS, type Insight, type InsightDefinition } from './insight';

const INSIGHTS_PARTITION = ITEM_KINDS.customInsight.pk.fixed;

/** A stored custom insight, with what the store needs to order and change it. */
export interface StoredInsight extends Insight {
  createdAt: string;
  version: number;
}

/** Where custom insights are kept. */
export interface InsightRepository {
  /** Every custom insight, oldest first (ties by ARN). */
  list(): Promise<StoredInsight[]>;
  /** Stores a new insight; `LimitExceededError` when all 100 slots are taken. */
  create(insight: Insight): Promise<void>;
  /** Read-modify-write of one insight, retried on conflict; `ResourceNotFoundError` when absent. */
  update(arn: string, change: (current: InsightDefinition) => InsightDefinition): Promise<void>;
  /** Removes an insight; `ResourceNotFoundError` when absent. */
  delete(arn: string): Promise<void>;
}

/** Options of {@link DynamoInsightStore}. */
export interface InsightStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  now?: () => Date;
  /** Conditional-write attempts of an update before it gives up on a contended insight. */
  maxAttempts?: number;
}

/** Bound on slot claims by one create (each lost claim is another creator's win: ≤ 100 in a row). */
const MAX_CREATE_ATTEMPTS = 10 * MAX_CUSTOM_INSIGHTS;

/** Largest stored definition (the item limit is 400 KB; the rest is keys and bookkeeping). */
const MAX_DEFINITION_BYTES = 350_000;

/** Code-unit order (as string `<`), not the locale's. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const slotKey = (slot: number) => ITEM_KINDS.customInsight.sk.build(String(slot).padStart(3, '0'));

interface SlotItem {
  sk: string;
  insightArn: string;
  definition: string;
  createdAt: string;
  version: number;
}

function notFound(arn: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`The insight ${arn} does not exist.`);
}

function encode(definition: InsightDefinition): string {
  const text = JSON.stringify({ Name: definition.Name, Filters: definition.Filters, GroupByAttribute: definition.GroupByAttribute });
  if (Buffer.byteLength(text) > MAX_DEFINITION_BYTES) {
    throw new InvalidInputError(`Invalid parameter 'Filters': the insight is larger than ${MAX_DEFINITION_BYTES} bytes.`);
  }
  return text;
}

/** `InsightRepository` on the findings table. */
export class DynamoInsightStore implements InsightRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly items: VersionedItems;
  private readonly table: string;
  private readonly now: () => Date;
  private readonly maxAttempts: number;

  constructor(options: InsightStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
    this.items = new VersionedItems(this.client, this.table, ITEM_KINDS.customInsight.version);
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  async list(): Promise<StoredInsight[]> {
    return (await this.readSlots())
      .map((item) => ({ ...(JSON.parse(item.definition) as InsightDefinition), InsightArn: item.insightArn, createdAt: item.createdAt, version: item.version }))
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.InsightArn, b.InsightArn));
  }

  async create(insight: Insight): Promise<void> {
    const definition = encode(insight);
    // Every lost race means another creator took a slot, so this ends: at the latest when none is free.
    const created = await retryOnConflict(
      async () => {
        const taken = new Set((await this.readSlots()).map((item) => item.sk));
        const free = Array.from({ length: MAX_CUSTOM_INSIGHTS }, (_, slot) => slotKey(slot)).filter((sk) => !taken.has(sk));
        if (free.length === 0) return { done: false };
        // Racing creators start at different free slots, so most claims land first time.
        const sk = free[Math.floor(Math.random() * free.length)];
        const item = { [TABLE_KEYS.partitionKey]: INSIGHTS_PARTITION, sk, insightArn: insight.InsightArn, definition, createdAt: this.now().toISOString() };
        return (await this.items.putIfVersion(item, 0)) ? { done: true } : CONFLICT;
      },
      { attempts: MAX_CREATE_ATTEMPTS, backoff: (attempt) => conflictBackoff(Math.min(attempt, 20)), exhausted: () => false },
    );
    if (!created) throw new LimitExceededError(`You can have at most ${MAX_CUSTOM_INSIGHTS} custom insights; delete one to create another.`);
  }

  async update(arn: string, change: (current: InsightDefinition) => InsightDefinition): Promise<void> {
    await retryOnConflict(
      async () => {
        const item = (await this.readSlots()).find((candidate) => candidate.insightArn === arn);
        if (item === undefined) throw notFound(arn);
        const definition = encode(change(JSON.parse(item.definition) as InsightDefinition));
        // The slot must still hold this insight at the version read (a delete and re-create reuses slots).
        const written = await ifCondition(
          this.client.send(
            new PutCommand({
              TableName: this.table,
              Item: { [TABLE_KEYS.partitionKey]: INSIGHTS_PARTITION, ...item, definition, version: item.version + 1 },
              ConditionExpression: 'insightArn = :arn AND #version = :version',
              ExpressionAttributeNames: { '#version': ITEM_KINDS.customInsight.version },
              ExpressionAttributeValues: { ':arn': arn, ':version': item.version },
            }),
          ),
        );
        return written ? { done: undefined } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        exhausted: () => {
          throw new LimitExceededError(`Too many concurrent changes of the insight ${arn}; retry the request.`);
        },
      },
    );
  }

  async delete(arn: string): Promise<void> {
    const item = (await this.readSlots()).find((candidate) => candidate.insightArn === arn);
    if (item === undefined) throw notFound(arn);
    const deleted = await ifCondition(
      this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { [TABLE_KEYS.partitionKey]: INSIGHTS_PARTITION, [TABLE_KEYS.sortKey]: item.sk },
          ConditionExpression: 'insightArn = :arn',
          ExpressionAttributeValues: { ':arn': arn },
        }),
      ),
    );
    // Someone else deleted it first (the slot is empty or holds another insight now).
    if (!deleted) throw notFound(arn);
  }

  /** The occupied slots (at most 100 small items: one query, consistent). */
  private async readSlots(): Promise<SlotItem[]> {
    return (await readPartition(this.client, this.table, INSIGHTS_PARTITION)) as unknown as SlotItem[];
  }
}
