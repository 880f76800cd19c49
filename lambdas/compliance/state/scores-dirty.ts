/**
 * The "scores are dirty" marker on the findings table (`pk` = `CFG#scores-dirty`, `sk` = `CFG`):
 * a change-triggered evaluation that wrote a control finding marks it (one small conditional
 * write); the scheduled snapshot takes a score snapshot only while it is set, then clears it only
 * if no change marked it again meanwhile (a conditional delete on the time it read). Debounces
 * snapshots after changes to one per schedule period, without transactions.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS } from '../../store';

/** Keys of the marker item. */
export const SCORES_DIRTY_KEY = { [TABLE_KEYS.partitionKey]: 'CFG#scores-dirty', [TABLE_KEYS.sortKey]: 'CFG' } as const;

/** Marks and clears the marker. */
export interface ScoresDirtyMarker {
  /** Marks the scores dirty as of `at` (a later mark wins; an earlier one changes nothing). */
  mark(at: Date): Promise<void>;
  /** When the scores were last marked dirty, or undefined when they are clean. */
  dirtySince(): Promise<number | undefined>;
  /** Clears the marker if it still says `seen`; false when a newer change marked it meanwhile. */
  clear(seen: number): Promise<boolean>;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** {@link ScoresDirtyMarker} on the findings table. */
export class ScoresDirtyStore implements ScoresDirtyMarker {
  private readonly client: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    this.client = DynamoDBDocumentClient.from(options.client);
  }

  async mark(at: Date): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: SCORES_DIRTY_KEY,
          UpdateExpression: 'SET changedAt = :at',
          ConditionExpression: 'attribute_not_exists(changedAt) OR changedAt < :at',
          ExpressionAttributeValues: { ':at': at.getTime() },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // a newer mark is there: still dirty
    }
  }

  async dirtySince(): Promise<number | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: SCORES_DIRTY_KEY, ConsistentRead: true }));
    return typeof Item?.changedAt === 'number' ? Item.changedAt : undefined;
  }

  async clear(seen: number): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({ TableName: this.options.tableName, Key: SCORES_DIRTY_KEY, ConditionExpression: 'changedAt = :seen', ExpressionAttributeValues: { ':seen': seen } }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
