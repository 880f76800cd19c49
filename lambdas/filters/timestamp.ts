import { parseAsffInstant, type Instant } from '../asff';

export type { Instant };

const MS_PER_DAY = 86_400_000;

// Parsing is pure, and sorting parses each timestamp many times: remember recent answers.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, Instant | null>();

/** Parses a Security Hub timestamp (the ASFF format) into an instant, or `undefined` when it is not one. */
export function parseTimestamp(text: unknown): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const known = cache.get(text);
  if (known !== undefined) return known ?? undefined;
  const instant = parseAsffInstant(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, instant ?? null);
  return instant;
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.ns - b.ns;
}

/** The instant of a `Date`. */
export function instantOf(date: Date): Instant {
  return { ms: date.getTime(), ns: 0 };
}

/** The instant `days` days before `instant`. */
export function daysBefore(instant: Instant, days: number): Instant {
  return { ms: instant.ms - days * MS_PER_DAY, ns: instant.ns };
}
