/**
 * Whether a value a warm Lambda read at `loadedAt` may still be used at `now` (both epoch ms): younger
 * than `maxAgeMs`, and not from the future (a clock that moved back reads again). `maxAgeMs` 0 never
 * reuses. The import gates (hub, organization, aggregator) keep what they read this long.
 */
export function isFresh(loadedAt: number, now: number, maxAgeMs: number): boolean {
  return maxAgeMs > 0 && now >= loadedAt && now - loadedAt < maxAgeMs;
}
