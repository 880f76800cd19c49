import { BatchGetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keyOfSortKey } from './index-keys';
import type { IndexPlan, QueryPlan } from './query-planner';
import { fromFindingItem, type Item, type StoredFinding } from './record';
import { findingPartition } from './keys';
import { TABLE_KEYS, indexKeyNames } from './table-schema';
import { FINDING_SK } from './item-kinds';

/** Read counters of one query, for the plan report. */
export interface ReadStats {
  partitions: number;
  indexItemsRead: number;
  itemsRead: number;
}

/** Keeps or drops a finding read from the table (filters, expiry). */
export type Accept = (stored: StoredFinding) => boolean;

const MAX_BATCH_GET = 100;
const MAX_INDEX_PAGE = 1000;

/** Fetches finding items by key in the given order (missing ones are skipped). */
export async function fetchFindings(client: DynamoDBDocumentClient, table: string, keys: string[], stats: ReadStats): Promise<StoredFinding[]> {
  const found = new Map<string, StoredFinding>();
  for (let start = 0; start < keys.length; start += MAX_BATCH_GET) {
    let request: Record<string, { Keys: Item[] }> | undefined = {
      [table]: {
        Keys: keys.slice(start, start + MAX_BATCH_GET).map((key) => ({
          [TABLE_KEYS.partitionKey]: findingPartition(key),
          [TABLE_KEYS.sortKey]: FINDING_SK,
        })),
      },
    };
    while (request && Object.keys(request).length > 0) {
      const response = await client.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of response.Responses?.[table] ?? []) {
        const stored = fromFindingItem(item);
        found.set(stored.key, stored);
        stats.itemsRead++;
      }
      request = response.UnprocessedKeys as typeof request;
    }
  }
  return keys.flatMap((key) => found.get(key) ?? []);
}

/** One index partition read lazily in sort-key order, a page at a time. */
class PartitionStream {
  private buffer: string[] = [];
  private startKey: Item | undefined;
  private exhausted = false;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly plan: IndexPlan,
    private readonly partition: string,
    private readonly lower: string | undefined,
    private readonly upper: string | undefined,
    private pageSize: number,
    private readonly stats: ReadStats,
  ) {}

  /** True when the buffer is empty but the partition has more to read. */
  get needsFill(): boolean {
    return this.buffer.length === 0 && !this.exhausted;
  }

  get head(): string | undefined {
    return this.buffer[0];
  }

  shift(): string | undefined {
    return this.buffer.shift();
  }

  /** Reads the next page if the buffer is empty and the partition has more. */
  async fill(): Promise<void> {
    if (this.buffer.length > 0 || this.exhausted) return;
    const names = indexKeyNames(this.plan.index);
    const values: Item = { ':pk': this.partition };
    let range = '';
    if (this.lower !== undefined && this.upper !== undefined) {
      if (this.lower > this.upper) {
        this.exhausted = true;
        return;
      }
      range = ' AND #sk BETWEEN :lower AND :upper';
      Object.assign(values, { ':lower': this.lower, ':upper': this.upper });
    } else if (this.lower !== undefined) {
      range = ' AND #sk >= :lower';
      values[':lower'] = this.lower;
    } else if (this.upper !== undefined) {
      range = ' AND #sk <= :upper';
      values[':upper'] = this.upper;
    }
    const response = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: this.plan.index.name,
        KeyConditionExpression: `#pk = :pk${range}`,
        ExpressionAttributeNames: { '#pk': names.pk, ...(range && { '#sk': names.sk }) },
        ExpressionAttributeValues: values,
        ScanIndexForward: this.plan.ascending,
        Limit: this.pageSize,
        ExclusiveStartKey: this.startKey,
      }),
    );
    const items = response.Items ?? [];
    this.stats.indexItemsRead += items.length;
    this.buffer = items.map((item) => item[names.sk] as string);
    this.startKey = response.LastEvaluatedKey;
    this.exhausted = !this.startKey;
    this.pageSize = Math.min(this.pageSize * 2, MAX_INDEX_PAGE);
  }
}

/** Index entries of every partition merged into one stream in the plan's order, duplicates dropped. */
class MergedIndex {
  private readonly streams: PartitionStream[];
  private last: string | undefined;

  constructor(
    client: DynamoDBDocumentClient,
    table: string,
    private readonly plan: IndexPlan,
    after: string | undefined,
    expected: number,
    stats: ReadStats,
  ) {
    // Resume strictly after the cursor: bound inclusively here, skip the cursor itself in next().
    let { lower, upper } = plan;
    if (after !== undefined) {
      if (plan.ascending) lower = lower === undefined || after > lower ? after : lower;
      else upper = upper === undefined || after < upper ? after : upper;
    }
    this.last = after;
    const pageSize = Math.max(2, Math.ceil(expected / plan.partitions.length) + 1);
    stats.partitions = plan.partitions.length;
    this.streams = plan.partitions.map((partition) => new PartitionStream(client, table, plan, partition, lower, upper, pageSize, stats));
  }

  private before(a: string, b: string): boolean {
    return this.plan.ascending ? a < b : a > b;
  }

  /** The next index sort key in order, or undefined when every partition is exhausted. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const empty = this.streams.filter((stream) => stream.needsFill);
      if (empty.length > 0) await Promise.all(empty.map((stream) => stream.fill()));
      let best: PartitionStream | undefined;
      for (const stream of this.streams) {
        const head = stream.head;
        if (head !== undefined && (!best || this.before(head, best.head as string))) best = stream;
      }
      if (!best) return undefined;
      const sortKey = best.shift() as string;
      if (sortKey === this.last) continue; // the same finding again (several resources, or the cursor)
      this.last = sortKey;
      return sortKey;
    }
  }
}

/** A page read in index order: matches and the sort key of the last one returned. */
export interface StreamedPage {
  findings: StoredFinding[];
  /** Set when more matches may follow: resume strictly after this sort key. */
  cursor?: string;
}

/** Streams a page of `limit` matches in the index's order, reading as little as the filters allow. */
export async function streamPage(
  client: DynamoDBDocumentClient,
  table: string,
  plan: IndexPlan,
  accept: Accept,
  limit: number,
  after: string | undefined,
  stats: ReadStats,
): Promise<StreamedPage> {
  const merged = new MergedIndex(client, table, plan, after, limit, stats);
  const findings: StoredFinding[] = [];
  let batchSize = limit;
  for (;;) {
    const sortKeys: string[] = [];
    while (sortKeys.length < batchSize) {
      const sortKey = await merged.next();
      if (sortKey === undefined) break;
      sortKeys.push(sortKey);
    }
    if (sortKeys.length === 0) return { findings };
    const stored = await fetchFindings(client, table, sortKeys.map(keyOfSortKey), stats);
    const byKey = new Map(stored.map((item) => [item.key, item]));
    for (const sortKey of sortKeys) {
      const candidate = byKey.get(keyOfSortKey(sortKey));
      if (!candidate || !accept(candidate)) continue;
      findings.push(candidate);
      if (findings.length === limit) return { findings, cursor: sortKey };
    }
    if (sortKeys.length < batchSize) return { findings };
    // The filters rejected some: read ahead further next time, up to one BatchGetItem.
    batchSize = Math.min(MAX_BATCH_GET, Math.max(limit - findings.length, batchSize * 2));
  }
}

/** Scans the table's finding items page by page (`limit` items per Scan, or DynamoDB's 1 MB page), counting what it read. */
async function scanFindingPages(
  client: DynamoDBDocumentClient,
  table: string,
  limit: number | undefined,
  stats: ReadStats,
  visit: (page: StoredFinding[]) => void | Promise<void>,
): Promise<void> {
  let startKey: Item | undefined;
  do {
    const response = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: '#sk = :finding',
        ExpressionAttributeNames: { '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':finding': FINDING_SK },
        ExclusiveStartKey: startKey,
        ...(limit !== undefined && { Limit: limit }),
      }),
    );
    stats.itemsRead += response.ScannedCount ?? 0;
    await visit((response.Items ?? []).map(fromFindingItem));
    startKey = response.LastEvaluatedKey;
  } while (startKey);
}

/** Every finding a plan can return that passes `accept`, in no particular order (for in-memory sorts). */
export async function readAll(client: DynamoDBDocumentClient, table: string, plan: QueryPlan, accept: Accept, stats: ReadStats): Promise<StoredFinding[]> {
  if (plan.kind === 'scan') {
    const matches: StoredFinding[] = [];
    await scanFindingPages(client, table, undefined, stats, (page) => {
      for (const stored of page) if (accept(stored)) matches.push(stored);
    });
    return matches;
  }
  const merged = new MergedIndex(client, table, plan, undefined, MAX_INDEX_PAGE, stats);
  const keys = new Set<string>();
  for (let sortKey = await merged.next(); sortKey !== undefined; sortKey = await merged.next()) {
    keys.add(keyOfSortKey(sortKey));
  }
  const stored = await fetchFindings(client, table, [...keys], stats);
  return stored.filter(accept);
}

/**
 * Every finding a plan can return that passes `accept`, handed to `visit` a page at a time (at most
 * `pageSize` findings held at once, whatever the number of matches), in no particular order. For
 * aggregates (insight results, rule dry-runs) over any number of findings in bounded memory.
 */
export async function forEachPage(
  client: DynamoDBDocumentClient,
  table: string,
  plan: QueryPlan,
  accept: Accept,
  pageSize: number,
  visit: (page: StoredFinding[]) => void | Promise<void>,
  stats: ReadStats,
): Promise<void> {
  if (plan.kind === 'scan') {
    await scanFindingPages(client, table, pageSize, stats, async (page) => {
      const accepted = page.filter(accept);
      if (accepted.length > 0) await visit(accepted);
    });
    return;
  }
  const merged = new MergedIndex(client, table, plan, undefined, pageSize, stats);
  for (;;) {
    const keys: string[] = [];
    for (let sortKey = await merged.next(); sortKey !== undefined; sortKey = keys.length < pageSize ? await merged.next() : undefined) {
      keys.push(keyOfSortKey(sortKey));
    }
    if (keys.length === 0) return;
    const page = (await fetchFindings(client, table, keys, stats)).filter(accept);
    if (page.length > 0) await visit(page);
    if (keys.length < pageSize) return;
  }
}
