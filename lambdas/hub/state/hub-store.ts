/**
 * The hub's state on the findings table: one item (`pk` = `HUB#settings`, `sk` = `HUB`), versioned,
 * changed by read-modify-write with a conditional put on the version (no transactions), retried on
 * conflict. The first read writes the default state (enabled, SubscribedAt = that moment) with
 * `attribute_not_exists`, so SubscribedAt is stable. No index attributes, and its `sk` is not a
 * finding's: neither the indexes nor the planner's scan see it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conflictBackoff as pause } from '../../shared/backoff';
import { LimitExceededError } from '../../shared/errors';
import { TABLE_KEYS } from '../../store';
import { defaultHubState, type HubState } from '../hub';

/** Keys of the hub item. */
export const HUB_KEY = { [TABLE_KEYS.partitionKey]: 'HUB#settings', [TABLE_KEYS.sortKey]: 'HUB' } as const;

/** Reads and changes the hub's state. */
export interface HubRepository {
  get(): Promise<HubState>;
  /** Read-modify-write; `change` may throw to refuse (nothing is written then). */
  update(change: (current: HubState) => HubState): Promise<HubState>;
}

/** Options of {@link DynamoHubStore}. */
export interface HubStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  now?: () => Date;
  maxAttempts?: number;
  /** Called after every write (the import gate's cache listens). */
  onChange?: () => void;
}

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** {@link HubRepository} on the findings table. */
export class DynamoHubStore implements HubRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly onChange: () => void;

  constructor(options: HubStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 20;
    this.onChange = options.onChange ?? (() => undefined);
  }

  async get(): Promise<HubState> {
    return (await this.read()).state;
  }

  async update(change: (current: HubState) => HubState): Promise<HubState> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const { state, version } = await this.read();
      const next = change(structuredClone(state));
      if (await this.write(next, version)) {
        this.onChange();
        return next;
      }
      await pause(attempt);
    }
    throw new LimitExceededError('Too many concurrent changes of the hub; retry the request.');
  }

  /** The state and its version; writes the default state on the first read. */
  private async read(): Promise<{ state: HubState; version: number }> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: HUB_KEY, ConsistentRead: true }));
      if (Item !== undefined) return { state: Item.state as HubState, version: Number(Item.version) };
      // Another reader may create it at the same moment: only one wins, the others read its state.
      const initial = defaultHubState(this.now());
      if (await this.write(initial, 0)) return { state: initial, version: 1 };
    }
    throw new LimitExceededError('Could not read the hub state; retry the request.');
  }

  /** Writes `state` as version `expected + 1` when the stored version is `expected` (0: none); false on conflict. */
  private async write(state: HubState, expected: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...HUB_KEY, state, version: expected + 1, updatedAt: this.now().toISOString() },
          ConditionExpression: expected === 0 ? 'attribute_not_exists(#pk)' : '#version = :expected',
          ExpressionAttributeNames: expected === 0 ? { '#pk': TABLE_KEYS.partitionKey } : { '#version': 'version' },
          ...(expected !== 0 && { ExpressionAttributeValues: { ':expected': expected } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
