/**
 * The "scores are dirty" marker on the findings table (`pk` = `CFG#scores-dirty`, `sk` = `CFG`):
 * a change-triggered evaluation that wrote a control finding marks it (one small conditional
 * write); the scheduled snapshot takes a score snapshot only while it is set, then clears it only
 * if no change marked it again meanwhile (a conditional delete on the time it read). Debounces
 * snapshots after changes to one per schedule period, without transactions.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, ifCondition, itemKey } from '../../store';

/** Keys of the marker item. */
export const SCORES_DIRTY_KEY = itemKey(ITEM_KINDS.scoresDirty, [], []);

/** Marks and clears the marker. */
export interface ScoresDirtyMarker {
  /** Marks the scores dirty as of `at` (a later mark wins; an earlier one changes nothing). */
  mark(at: Date): Promise<void>;
  /** When the scores were last marked dirty, or undefined when they are clean. */
  dirtySince(): Promise<number | undefined>;
  /** Clears the marker if it still says `seen`; false when a newer change marked it meanwhile. */
  clear(seen: number): Promise<boolean>;
}

/** {@link ScoresDirtyMarker} on the findings table. */
export class ScoresDirtyStore implements ScoresDirtyMarker {
  private readonly client: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    this.client = DynamoDBDocumentClient.from(options.client);
  }

  async mark(at: Date): Promise<void> {
    await ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: SCORES_DIRTY_KEY,
          UpdateExpression: 'SET changedAt = :at',
          ConditionExpression: 'attribute_not_exists(changedAt) OR changedAt < :at',
          ExpressionAttributeValues: { ':at': at.getTime() },
        }),
      ),
    ); // false: a newer mark is there, still dirty
  }

  async dirtySince(): Promise<number | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: SCORES_DIRTY_KEY, ConsistentRead: true }));
    return typeof Item?.changedAt === 'number' ? Item.changedAt : undefined;
  }

  async clear(seen: number): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new DeleteCommand({ TableName: this.options.tableName, Key: SCORES_DIRTY_KEY, ConditionExpression: 'changedAt = :seen', ExpressionAttributeValues: { ':seen': seen } }),
      ),
    );
  }
}
