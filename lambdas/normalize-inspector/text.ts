/**
 * Text and number helpers for the Inspector mapping: Security Hub's own truncation marker and the
 * way it prints Inspector scores in ProductFields.
 */

/** Security Hub ends a cut Inspector description with this marker (seen in imported findings). */
const TRUNCATED = '...Truncated';

/** Cuts `value` to at most `max` characters the way Security Hub does for Inspector: `…...Truncated`. */
export function truncateLikeSecurityHub(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - TRUNCATED.length)}${TRUNCATED}`;
}

/** A score as Security Hub writes it in ProductFields: `10.0`, `6.5` (one decimal at least). */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? score.toFixed(1) : String(score);
}

/** Drops keys whose value is undefined, empty string or empty list (ASFF rejects empty strings). */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === '' || (Array.isArray(item) && item.length === 0)) continue;
    out[key] = item;
  }
  return out as T;
}
