/**
 * The account's finding aggregator on the findings table: one item (`pk` = `AGG#finding-aggregator`,
 * `sk` = `AGG`), versioned. Create is a put on version 0 (`attribute_not_exists`), so a second
 * Create loses, as Security Hub allows one aggregator per account; update is a put on the version
 * read; delete is conditional on the ARN. No index attributes: neither the indexes nor the planner
 * see it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, VersionedItems, itemKey } from '../../store';
import type { FindingAggregator } from '../linking';

/** Keys of the aggregator item. */
export const AGGREGATOR_KEY = itemKey(ITEM_KINDS.findingAggregator, [], []);

/** Reads and writes the account's one finding aggregator. */
export interface AggregatorRepository {
  /** The aggregator, or undefined when cross-Region aggregation is off. */
  get(): Promise<FindingAggregator | undefined>;
  /** Stores `aggregator` unless one exists; false when one does. */
  create(aggregator: FindingAggregator): Promise<boolean>;
  /** Replaces the aggregator named `aggregator.arn`; false when that one is not stored (gone, or another). */
  replace(aggregator: FindingAggregator): Promise<boolean>;
  /** Deletes the aggregator `arn`; false when it is not the stored one. */
  delete(arn: string): Promise<boolean>;
}

/** Options of {@link DynamoAggregatorStore}. */
export interface AggregatorStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  now?: () => Date;
  /** Called after every write (the region gate's cache listens). */
  onChange?: () => void;
}

/** {@link AggregatorRepository} on the findings table. */
export class DynamoAggregatorStore implements AggregatorRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly items: VersionedItems;
  private readonly now: () => Date;
  private readonly onChange: () => void;

  constructor(private readonly options: AggregatorStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.items = new VersionedItems(this.client, options.tableName, ITEM_KINDS.findingAggregator.version);
    this.now = options.now ?? (() => new Date());
    this.onChange = options.onChange ?? (() => undefined);
  }

  async get(): Promise<FindingAggregator | undefined> {
    const { item } = await this.items.get(AGGREGATOR_KEY);
    return item?.aggregator as FindingAggregator | undefined;
  }

  async create(aggregator: FindingAggregator): Promise<boolean> {
    return this.changed(await this.items.putIfVersion(this.item(aggregator), 0));
  }

  async replace(aggregator: FindingAggregator): Promise<boolean> {
    const { item, version } = await this.items.get(AGGREGATOR_KEY);
    if ((item?.aggregator as FindingAggregator | undefined)?.arn !== aggregator.arn) return false;
    return this.changed(await this.items.putIfVersion(this.item(aggregator), version));
  }

  async delete(arn: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: AGGREGATOR_KEY,
          ConditionExpression: '#aggregator.#arn = :arn',
          ExpressionAttributeNames: { '#aggregator': 'aggregator', '#arn': 'arn' },
          ExpressionAttributeValues: { ':arn': arn },
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
    return this.changed(true);
  }

  private item(aggregator: FindingAggregator): Record<string, unknown> {
    return { ...AGGREGATOR_KEY, aggregator, updatedAt: this.now().toISOString() };
  }

  private changed(written: boolean): boolean {
    if (written) this.onChange();
    return written;
  }
}
