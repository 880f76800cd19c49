/**
 * Resource summaries in the findings table (`pk` = `RS#<hash of account and resource>`, `sk` =
 * {@link SUMMARY_SK}): read many at once (BatchGetItem, consistent), written one at a time with a
 * conditional write on their version (no transactions). Only correlation reads and writes them.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, VersionedItems, itemKey } from '../../store';
import { emptySummary, type ResourceSummary } from './summary';

/** Sort key of a resource summary item. */
export const SUMMARY_SK = ITEM_KINDS.resourceSummary.sk.fixed;

/** A summary as read: its version (0: none stored yet) and content. */
export interface VersionedSummary {
  version: number;
  summary: ResourceSummary;
}

/** What correlation needs of the summaries. */
export interface SummaryStore {
  /** The summaries of these (account, resource) pairs, by {@link summaryId}; missing ones empty at version 0. */
  readMany(refs: ReadonlyArray<{ account: string; resourceId: string }>): Promise<Map<string, VersionedSummary>>;
  /** Writes `summary` if the stored one is still at `expected`; false when it changed meanwhile. */
  write(summary: ResourceSummary, expected: number): Promise<boolean>;
}

/** The id of a summary (and its partition key's hash input). */
export const summaryId = (account: string, resourceId: string) => `${account}\n${resourceId}`;

function summaryHash(account: string, resourceId: string): string {
  return createHash('sha256').update(summaryId(account, resourceId)).digest('base64url');
}

/** The DynamoDB summary store. */
export class DynamoSummaryStore implements SummaryStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly items: VersionedItems;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.items = new VersionedItems(this.client, table, ITEM_KINDS.resourceSummary.version);
  }

  private key(account: string, resourceId: string) {
    return itemKey(ITEM_KINDS.resourceSummary, [summaryHash(account, resourceId)], []);
  }

  private static read(item: Record<string, unknown>): VersionedSummary {
    return { version: item.ver as number, summary: JSON.parse(item.doc as string) as ResourceSummary };
  }

  async readMany(refs: ReadonlyArray<{ account: string; resourceId: string }>): Promise<Map<string, VersionedSummary>> {
    const unique = [...new Map(refs.map((ref) => [summaryId(ref.account, ref.resourceId), ref])).values()];
    const found = new Map<string, VersionedSummary>();
    if (unique.length === 1) {
      const [{ account, resourceId }] = unique;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: this.key(account, resourceId), ConsistentRead: true }));
      if (Item) found.set(summaryId(account, resourceId), DynamoSummaryStore.read(Item));
    }
    for (let start = 0; unique.length > 1 && start < unique.length; start += 100) {
      let request: Record<string, { Keys: Array<Record<string, string>>; ConsistentRead: boolean }> | undefined = {
        [this.table]: { Keys: unique.slice(start, start + 100).map(({ account, resourceId }) => this.key(account, resourceId)), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const response = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of response.Responses?.[this.table] ?? []) {
          const read = DynamoSummaryStore.read(item);
          found.set(summaryId(read.summary.account, read.summary.resourceId), read);
        }
        request = response.UnprocessedKeys as typeof request;
      }
    }
    for (const { account, resourceId } of unique) {
      const id = summaryId(account, resourceId);
      if (!found.has(id)) found.set(id, { version: 0, summary: emptySummary(account, resourceId) });
    }
    return found;
  }

  async write(summary: ResourceSummary, expected: number): Promise<boolean> {
    return this.items.putIfVersion({ ...this.key(summary.account, summary.resourceId), doc: JSON.stringify(summary) }, expected);
  }
}
