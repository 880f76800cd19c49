import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { findingsTableDefinition } from './create-table';
import { fromFindingItem, toFindingItem, toResourceLinkItems, type Item } from './record';
import { FINDING_INDEXES, TABLE_KEYS } from './table-schema';
import { FINDING_SK, ITEM_KINDS, isItemOf } from './item-kinds';

/** What {@link ensureFindingsTableLayout} did. */
export type LayoutOutcome = { action: 'created' | 'current' } | { action: 'rebuilt'; items: number; addedIndexes: string[]; removedIndexes: string[] };

/**
 * Makes a findings table match the index registry, for tables the app itself creates (the embedded
 * default's `.data`, tests). Creates a missing table; when an existing table's indexes differ from
 * the registry (a release added one), rebuilds it: reads every item, re-creates the table, and
 * writes the items back with their index attributes recomputed — dynalite cannot add an index to a
 * table (`UpdateTable` with `GlobalSecondaryIndexUpdates` is not implemented). Deployed tables are
 * CloudFormation's business (it adds one index per stack update).
 */
export async function ensureFindingsTableLayout(client: DynamoDBClient, tableName: string): Promise<LayoutOutcome> {
  let existing: string[];
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? '');
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    await createActiveTable(client, tableName);
    return { action: 'created' };
  }
  const wanted = FINDING_INDEXES.map((index) => index.name);
  const addedIndexes = wanted.filter((name) => !existing.includes(name));
  const removedIndexes = existing.filter((name) => !wanted.includes(name));
  if (addedIndexes.length === 0 && removedIndexes.length === 0) return { action: 'current' };

  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const items = await scanAll(documents, tableName);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await createActiveTable(client, tableName);
  await writeAll(documents, tableName, items.flatMap(reindexed));
  return { action: 'rebuilt', items: items.length, addedIndexes, removedIndexes };
}

/** Creates the findings table and waits until it is ACTIVE: writes to a table still CREATING fail with ResourceNotFoundException. */
async function createActiveTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new CreateTableCommand(findingsTableDefinition(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 0.05, maxDelay: 1 }, { TableName: tableName });
}

async function scanAll(documents: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A finding item with today's index attributes (and its resource links); other items as they were. */
function reindexed(item: Item): Item[] {
  if (item[TABLE_KEYS.sortKey] === FINDING_SK) {
    const stored = fromFindingItem(item);
    return [toFindingItem(stored), ...toResourceLinkItems(stored)];
  }
  if (isItemOf(ITEM_KINDS.resourceLink, item)) return []; // rebuilt from the finding
  return [item];
}

async function writeAll(documents: DynamoDBDocumentClient, tableName: string, items: Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let pending: Record<string, unknown[]> | undefined = {
      [tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      const response = await documents.send(new BatchWriteCommand({ RequestItems: pending as never }));
      pending = response.UnprocessedItems as typeof pending;
    }
  }
}
