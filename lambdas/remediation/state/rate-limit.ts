/**
 * The per-account rate limit of remediation executions: one counter item per account and clock
 * hour (`pk = REM#rate`, `sk = <accountId>#<yyyy-mm-ddThh>`), incremented with a conditional
 * update (count below the limit) — no transactions. `expiresAt` lets TTL delete old counters.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, itemKey } from '../../store';

/** Takes one execution slot of an account's current hour. */
export interface RateLimiter {
  /** True when a slot was taken (count was below `limit`), false when the hour is full. */
  take(accountId: string, limit: number, now: Date): Promise<boolean>;
}

/** {@link RateLimiter} on the findings table. */
export class DynamoRateLimiter implements RateLimiter {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client);
  }

  async take(accountId: string, limit: number, now: Date): Promise<boolean> {
    if (limit <= 0) return false;
    const hour = now.toISOString().slice(0, 13);
    return ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: itemKey(ITEM_KINDS.rateCounter, [], [accountId, hour]),
          UpdateExpression: 'ADD #count :one SET #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#expiresAt': TABLE_KEYS.expiresAt },
          // Two days after the hour: TTL deletes the counter afterwards.
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expiresAt': Math.floor(now.getTime() / 1000) + 2 * 86_400 },
        }),
      ),
    );
  }
}
