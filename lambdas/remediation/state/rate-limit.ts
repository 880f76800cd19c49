/**
 * The per-account rate limit of remediation executions: one counter item per account and clock
 * hour (`pk = REM#rate`, `sk = <accountId>#<yyyy-mm-ddThh>`), incremented with a conditional
 * update (count below the limit) — no transactions. `expiresAt` lets TTL delete old counters.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS } from '../../store';

/** Partition of the rate counters. */
export const RATE_PK = 'REM#rate';

/** Takes one execution slot of an account's current hour. */
export interface RateLimiter {
  /** True when a slot was taken (count was below `limit`), false when the hour is full. */
  take(accountId: string, limit: number, now: Date): Promise<boolean>;
}

/** {@link RateLimiter} on the findings table. */
export class DynamoRateLimiter implements RateLimiter {
  private readonly client: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.client = DynamoDBDocumentClient.from(client);
  }

  async take(accountId: string, limit: number, now: Date): Promise<boolean> {
    if (limit <= 0) return false;
    const hour = now.toISOString().slice(0, 13);
    try {
      await this.client.send(new UpdateCommand({
        TableName: this.table,
        Key: { [TABLE_KEYS.partitionKey]: RATE_PK, [TABLE_KEYS.sortKey]: `${accountId}#${hour}` },
        UpdateExpression: 'ADD #count :one SET #expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count', '#expiresAt': TABLE_KEYS.expiresAt },
        // Two days after the hour: TTL deletes the counter afterwards.
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expiresAt': Math.floor(now.getTime() / 1000) + 2 * 86_400 },
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
