/**
 * The optimistic-concurrency loop every store on the findings table uses (no transactions on
 * dynalite, and single-item writes are all a store needs): read the item with its version, decide,
 * write on the condition that the version is still the one read, and on a lost race read again.
 *
 * - {@link isConditionFailure} / {@link ifCondition}: a conditional write's refusal as `false`.
 * - {@link VersionedItems}: consistent get with the version, and put-if-version.
 * - {@link retryOnConflict}: the read → write → back off → retry loop, bounded.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflictBackoff } from '../shared/backoff';
import type { Item } from './record';
import { TABLE_KEYS } from './table-schema';

/** True when DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}

/** Awaits a conditional write: true when it landed, false when its condition refused it; other errors are thrown. */
export async function ifCondition(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The condition "the stored item is at version `expected`" on `attribute` (0: no item stored yet),
 * as the members of a Put/Update/Delete command.
 */
export function versionCondition(
  expected: number,
  attribute: string,
): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
  if (expected === 0) return { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey } };
  return { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': attribute }, ExpressionAttributeValues: { ':expected': expected } };
}

/** An item as read, with its version (0: not stored). */
export interface VersionedRead {
  item: Item | undefined;
  version: number;
}

/** Reads and conditionally writes items whose `versionAttribute` counts their writes. */
export class VersionedItems {
  /**
   * @param client the document client the owning store already has
   * @param versionAttribute the item attribute holding the version (the item kind's `version`)
   */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly versionAttribute: string,
  ) {}

  /** The item at `key` (consistent read) and its version; version 0 when absent. */
  async get(key: Record<string, string>): Promise<VersionedRead> {
    const { Item: item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return { item, version: item === undefined ? 0 : Number(item[this.versionAttribute]) };
  }

  /**
   * Writes `item` (keys included) as version `expected + 1` if the stored one is at `expected`
   * (0: only if none is stored). False when another writer got there first.
   */
  async putIfVersion(item: Item, expected: number): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...item, [this.versionAttribute]: expected + 1 }, ...versionCondition(expected, this.versionAttribute) }),
      ),
    );
  }
}

/** A round's answer when its conditional write lost a race (the loop reads again). */
export const CONFLICT = Symbol('conflict');

/** What one round of {@link retryOnConflict} answered: done with a value, or lost a race. */
export type RoundResult<T> = { done: T } | typeof CONFLICT;

/** Bounds of {@link retryOnConflict}. */
export interface RetryOptions<T> {
  /** Rounds before giving up (at least 1). */
  attempts: number;
  /** Waits after the lost round `attempt` (1-based) before the next. @default conflictBackoff (lambdas/shared/backoff.ts) */
  backoff?: (attempt: number) => Promise<void>;
  /** What to answer (or throw) when every round lost. */
  exhausted: () => T;
}

/**
 * Runs `round` (read → decide → conditional write) until it answers `{ done }`, backing off after
 * each {@link CONFLICT}; after `attempts` lost rounds answers `exhausted()`. Errors a round throws
 * (a refusal, a failed request) end the loop at once.
 */
export async function retryOnConflict<T>(round: (attempt: number) => Promise<RoundResult<T>>, options: RetryOptions<T>): Promise<T> {
  const backoff = options.backoff ?? conflictBackoff;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const result = await round(attempt);
    if (result !== CONFLICT) return result.done;
    if (attempt < options.attempts) await backoff(attempt);
  }
  return options.exhausted();
}
