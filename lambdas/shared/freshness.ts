/**
 * Whether a value a warm Lambda read at `loadedAt` may still be used at `now` (both epoch ms): younger
 * than `maxAgeMs`, and not from the future (a clock that moved back reads again). `maxAgeMs` 0 never
 * reuses. The import gates (hub, organization, aggregator) keep what they read this long.
 */
export function isFresh(loadedAt: number, now: number, maxAgeMs: number): boolean {
  return maxAgeMs > 0 && now >= loadedAt && now - loadedAt < maxAgeMs;
}

/**
 * Values a warm Lambda read, by key, reused while {@link isFresh}; a load in flight is shared by
 * every caller that asks meanwhile (single flight), so the invocations a container or an embedded
 * default's isolate runs at once, on a cold or expired cache, read once instead of once each. A
 * failed load is forgotten (the next caller reads again); `delete` forgets a key at once, and a load
 * already in flight for it is not reused.
 */
export class FreshCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; loadedAt: number }>();

  /** The cached value of `key` when read at most `maxAgeMs` before `now` (epoch ms), else `load()`'s, shared while it runs. */
  get(key: string, now: number, maxAgeMs: number, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined && isFresh(hit.loadedAt, now, maxAgeMs)) return hit.value;
    const entry = { value: load(), loadedAt: now };
    if (maxAgeMs > 0) {
      this.entries.set(key, entry);
      entry.value.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry.value;
  }

  /** Sets a value read or written elsewhere (e.g. after a write this process made). */
  set(key: string, value: V, now: number): void {
    this.entries.set(key, { value: Promise.resolve(value), loadedAt: now });
  }

  /** Forgets `key` (after the value changed). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key. */
  clear(): void {
    this.entries.clear();
  }
}
