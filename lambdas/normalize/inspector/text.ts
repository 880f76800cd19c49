/**
 * Text and number helpers for the Inspector mapping: Security Hub's own truncation marker and the
 * way it prints Inspector scores in ProductFields.
 */

import { truncate } from '../fields';

/** Security Hub ends a cut Inspector description with this marker (seen in imported findings). */
export const TRUNCATED = '...Truncated';

/** Cuts `value` to at most `max` characters the way Security Hub does for Inspector: `…...Truncated`. */
export function truncateLikeSecurityHub(value: string, max: number): string {
  return truncate(value, max, TRUNCATED);
}

/** A score as Security Hub writes it in ProductFields: `10.0`, `6.5` (one decimal at least). */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? score.toFixed(1) : String(score);
}
