import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { compileComparator, type SortCriterion } from '../filters';
import { fetchFindings, readAll, type Accept, type ReadStats } from './query-executor';
import type { QueryPlan } from './query-planner';
import type { StoredFinding } from './record';
import type { SortedOrder, SortedOrderCache } from './sorted-order-cache';

/**
 * GetFindings pages in an order no index serves. The first page (or any page whose kept order is
 * gone) reads every match, sorts it, and keeps the sorted keys in the cache; a later page with a
 * kept order reads only its own findings. Each of those is checked against what was sorted: the
 * same version, still matching the filters, not expired. If any is not, the data changed under the
 * order, so the order is dropped and the page is computed afresh from the offset, exactly as
 * without a cache. Findings added since the first page appear from the next fresh order on (at the
 * latest when the kept order expires).
 */

/** Where a page starts, and the kept order a NextToken named, if any. */
export interface SortedPageRequest {
  offset: number;
  order?: string;
  limit: number;
  digest: string;
  sort: readonly SortCriterion[];
}

/** A page, and the position of the next one (its offset and the kept order's id) when more follow. */
export interface SortedPage {
  page: StoredFinding[];
  next?: { offset: number; order?: string };
  /** True when the page came from a kept order (its reads were the page's findings only). */
  fromKeptOrder: boolean;
}

/** Reads a page of an in-memory sort, through the cache of sorted orders. */
export async function sortedPage(
  client: DynamoDBDocumentClient,
  table: string,
  plan: QueryPlan,
  accept: Accept,
  request: SortedPageRequest,
  orders: SortedOrderCache,
  stats: ReadStats,
): Promise<SortedPage> {
  const { offset, limit, digest } = request;
  const kept = request.order === undefined ? undefined : orders.get(request.order, digest);
  if (kept && request.order !== undefined) {
    const page = await pageOfOrder(client, table, kept, offset, limit, accept, stats);
    if (page) return { page, fromKeptOrder: true, ...(offset + limit < kept.keys.length && { next: { offset: offset + limit, order: request.order } }) };
    orders.drop(request.order);
  }
  const direction = request.sort[0].SortOrder === 'asc' ? 1 : -1;
  const compare = compileComparator(request.sort);
  const all = await readAll(client, table, plan, accept, stats);
  // Ties break on the finding key in the primary direction, as the index sort keys do.
  all.sort((a, b) => compare(a.finding, b.finding) || direction * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = all.slice(offset, offset + limit);
  if (offset + limit >= all.length) return { page, fromKeptOrder: false };
  const order = orders.put({ digest, keys: all.map((stored) => stored.key), versions: all.map((stored) => stored.version) });
  return { page, fromKeptOrder: false, next: { offset: offset + limit, ...(order !== undefined && { order }) } };
}

/** The page's findings from a kept order, or undefined when any of them changed since it was sorted. */
async function pageOfOrder(
  client: DynamoDBDocumentClient,
  table: string,
  order: SortedOrder,
  offset: number,
  limit: number,
  accept: Accept,
  stats: ReadStats,
): Promise<StoredFinding[] | undefined> {
  const keys = order.keys.slice(offset, offset + limit);
  const found = await fetchFindings(client, table, keys, stats);
  if (found.length !== keys.length) return undefined;
  for (let index = 0; index < keys.length; index++) {
    const stored = found[index];
    if (stored.key !== keys[index] || stored.version !== order.versions[offset + index] || !accept(stored)) return undefined;
  }
  return found;
}
