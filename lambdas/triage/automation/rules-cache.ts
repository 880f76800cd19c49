/**
 * The import stage's cache of the rules, per table, in the Lambda's memory: rules are read at most
 * once per {@link RULES_CACHE_MS} in each warm Lambda (a rule change reaches every importer within
 * 30 s), and at once in the process that made the change (the store invalidates on every write).
 * Invocations that find the cache cold or expired at the same moment share one read.
 */
import { FreshCache } from '../../shared/freshness';
import type { AutomationRule } from './types';

/** How long a warm Lambda reuses the rules it read: 30 s. */
export const RULES_CACHE_MS = 30_000;

const cache = new FreshCache<AutomationRule[]>();

/** The cached rules of `table`, or a fresh read when older than `maxAgeMs` (0: always read). */
export function cachedRules(table: string, now: Date, maxAgeMs: number, load: () => Promise<AutomationRule[]>): Promise<AutomationRule[]> {
  return cache.get(table, now.getTime(), maxAgeMs, load);
}

/** Forgets the cached rules of `table` (after a rule was created, changed or deleted). */
export function invalidateRules(table: string): void {
  cache.delete(table);
}
