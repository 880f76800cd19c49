import { randomBytes } from 'node:crypto';

/**
 * The order of an in-memory sort, kept between GetFindings pages so that pages after the first
 * read only their own findings instead of every match again. The first page of a query whose order
 * no index serves reads every match and sorts it (linear in the matches, once); the cache keeps the
 * sorted finding keys with the version each had, under a random id that the NextToken carries.
 *
 * Bounded: at most `maxEntries` orders and `maxKeys` keys in all (the oldest order goes first; an
 * order longer than `maxKeys` is not kept), each for `ttlMs`. An entry answers only the query it
 * was computed for (the digest of filters — the caller's scope included — and sort criteria).
 * A miss (expired, evicted, another Lambda instance) is never an error: the page is computed as
 * on the first page, from the offset.
 */

/** One sorted order: the query it belongs to, its finding keys in order and each one's version then. */
export interface SortedOrder {
  digest: string;
  keys: readonly string[];
  versions: readonly number[];
}

/** Bounds of a {@link SortedOrderCache}. */
export interface SortedOrderCacheOptions {
  /** How long an order answers later pages (default 5 minutes). */
  ttlMs?: number;
  /** Most orders kept at once (default 16). */
  maxEntries?: number;
  /** Most finding keys kept over all orders (default 200,000: a few tens of MB at most). */
  maxKeys?: number;
  /** The cache's clock, in epoch ms. */
  now?: () => number;
}

/** The shape of an order id in a NextToken (16 random bytes, base64url). */
export const ORDER_ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** Sorted orders by id, bounded in count, keys and age. */
export class SortedOrderCache {
  private readonly entries = new Map<string, SortedOrder & { expiresAt: number }>();
  private keyCount = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: SortedOrderCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 16;
    this.maxKeys = options.maxKeys ?? 200_000;
    this.now = options.now ?? Date.now;
  }

  /** Keeps an order; its id, or undefined when it is longer than the cache may hold. */
  put(order: SortedOrder): string | undefined {
    if (order.keys.length > this.maxKeys) return undefined;
    this.dropExpired();
    for (const id of this.entries.keys()) {
      if (this.entries.size < this.maxEntries && this.keyCount + order.keys.length <= this.maxKeys) break;
      this.drop(id);
    }
    const id = randomBytes(16).toString('base64url');
    this.entries.set(id, { ...order, expiresAt: this.now() + this.ttlMs });
    this.keyCount += order.keys.length;
    return id;
  }

  /** The order with this id if it is still kept and belongs to the query with this digest. */
  get(id: string, digest: string): SortedOrder | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.drop(id);
      return undefined;
    }
    return entry.digest === digest ? entry : undefined;
  }

  /** Forgets an order (its data changed). */
  drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.keyCount -= entry.keys.length;
  }

  /** Orders and keys held now. */
  get size(): { orders: number; keys: number } {
    return { orders: this.entries.size, keys: this.keyCount };
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.drop(id);
  }
}
